-- Engineering tickets kept in Jira (support.tracker.type=jira): which Jira issue belongs to which case
-- and which step opened it. The row is written in its own transaction right after Jira answered the
-- creation, so a retried "Open engineering ticket" job finds the issue instead of creating a second.
CREATE TABLE jira_ticket (
    issue_key        VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- the case's reference (business key), also the issue's label
    case_reference   VARCHAR(64)   NOT NULL,
    -- the step that opened it (process instance / activity), also a label in Jira (hashed)
    dedup_key        VARCHAR(255)  NOT NULL,
    -- the last status followed (SPECIFYING, READY, IN_PROGRESS, DONE) and when Jira reported it:
    -- an event older than status_changed_at is stale and ignored
    status           VARCHAR(16)   NOT NULL,
    status_changed_at TIMESTAMP    NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    CONSTRAINT uq_jira_ticket_dedup UNIQUE (case_reference, dedup_key)
);
CREATE INDEX ix_jira_ticket_case ON jira_ticket (case_reference);
