-- The customer-facing status of every case over time: what the case API shows as its timeline and
-- what auditors see. Written in the transaction of the step that changed the status.
CREATE TABLE case_status_history (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_reference  VARCHAR(64)  NOT NULL,
    status          VARCHAR(64)  NOT NULL,
    process_key     VARCHAR(255),
    activity_id     VARCHAR(255),
    entered_at      TIMESTAMP    NOT NULL
);
CREATE INDEX ix_case_status_history_case ON case_status_history (case_reference, entered_at);
