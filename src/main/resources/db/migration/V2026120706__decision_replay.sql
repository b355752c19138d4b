-- Issue 17: what-if replays of an edited decision table against the decisions in the history. A replay
-- is written once and then only read (auditors review it, a deployment gate may name it); the engine's
-- tables are only read. One row per replay with its summary, one row per decision replayed.
CREATE TABLE decision_replay (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    decision_key       VARCHAR(255)  NOT NULL,
    file_name          VARCHAR(255),
    -- SHA-256 of the edited DMN file as uploaded, so a reviewer can tell which file was replayed
    dmn_sha256         VARCHAR(64)   NOT NULL,
    period_from        TIMESTAMP WITH TIME ZONE NOT NULL,
    period_to          TIMESTAMP WITH TIME ZONE NOT NULL,
    product            VARCHAR(255),
    organisation_id    VARCHAR(255),
    requested_by       VARCHAR(255)  NOT NULL,
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    decisions          BIGINT        NOT NULL,
    changed            BIGINT        NOT NULL,
    -- the whole summary (from->to matrix, missing inputs, SLA outcomes) as JSON
    summary            TEXT          NOT NULL
);
CREATE INDEX ix_decision_replay_requested ON decision_replay (requested_at);

CREATE TABLE decision_replay_case (
    replay_id             VARCHAR(36)   NOT NULL,
    seq                   BIGINT        NOT NULL,
    decision_instance_id  VARCHAR(64)   NOT NULL,
    case_reference        VARCHAR(255),
    evaluated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- REPLAYED, MISSING_INPUT (not evaluated: the edited table needs an input the history lacks) or FAILED
    status                VARCHAR(16)   NOT NULL,
    changed               BOOLEAN       NOT NULL,
    old_output            VARCHAR(1000),
    new_output            VARCHAR(1000),
    old_rules             VARCHAR(1000),
    new_rules             VARCHAR(1000),
    detail                VARCHAR(1000),
    CONSTRAINT pk_decision_replay_case PRIMARY KEY (replay_id, seq)
);
CREATE INDEX ix_decision_replay_case_changed ON decision_replay_case (replay_id, changed, seq);
