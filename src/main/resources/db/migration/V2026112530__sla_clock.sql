-- One row per case and SLA target (FIRST_RESPONSE, RESOLUTION): the clock's state, its due dates as
-- the business calendar computed them, and what auditors read afterwards (met or breached, elapsed
-- business time, time paused while waiting on the customer). Written in the engine's transaction.
CREATE TABLE sla_clock (
    id                        VARCHAR(64)   NOT NULL PRIMARY KEY,
    case_reference            VARCHAR(64)   NOT NULL,
    target                    VARCHAR(32)   NOT NULL,
    -- the classification the target was decided from (processes/SlaTargets.dmn)
    priority                  VARCHAR(16),
    severity                  VARCHAR(32),
    organisation_id           VARCHAR(255),
    -- the target as the decision gave it (P1D, PT4H) and in business seconds of the calendar
    target_duration           VARCHAR(32)   NOT NULL,
    target_seconds            BIGINT        NOT NULL,
    -- tier whose leads are warned: tier1, tier2 or engineering
    responsible_tier          VARCHAR(64)   NOT NULL,
    -- RUNNING, PAUSED, MET, BREACHED or WITHDRAWN (the target no longer applies after reclassification)
    state                     VARCHAR(16)   NOT NULL,
    started_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    paused_since              TIMESTAMP WITH TIME ZONE,
    pause_reason              VARCHAR(64),
    -- finished pauses: wall-clock and business seconds (only the latter moves the due date)
    paused_seconds            BIGINT        DEFAULT 0 NOT NULL,
    paused_business_seconds   BIGINT        DEFAULT 0 NOT NULL,
    -- empty while paused: the calendar computes them again on resume
    warning_due               TIMESTAMP WITH TIME ZONE,
    due                       TIMESTAMP WITH TIME ZONE,
    warned_at                 TIMESTAMP WITH TIME ZONE,
    breached_at               TIMESTAMP WITH TIME ZONE,
    -- when the target was reached (first response given, case resolved), also after a breach
    met_at                    TIMESTAMP WITH TIME ZONE,
    elapsed_business_seconds  BIGINT,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_sla_clock_case_target UNIQUE (case_reference, target)
);
CREATE INDEX ix_sla_clock_state ON sla_clock (state, due);
