-- Every customer-facing message of a case, written in the transaction of the process step that
-- caused it. It is the case's record of what the customer was told, and the queue mail is sent from.
CREATE TABLE notification_outbox (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    case_reference  VARCHAR(64)   NOT NULL,
    kind            VARCHAR(64)   NOT NULL,
    -- the step that asked for it; makes a retried step write the same message only once
    dedup_key       VARCHAR(255)  NOT NULL,
    recipient       VARCHAR(320),
    subject         VARCHAR(500)  NOT NULL,
    body            TEXT          NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       DEFAULT 0 NOT NULL,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP     NOT NULL,
    sent_at         TIMESTAMP,
    CONSTRAINT uq_notification_outbox_dedup UNIQUE (dedup_key)
);
CREATE INDEX ix_notification_outbox_case ON notification_outbox (case_reference, created_at);
CREATE INDEX ix_notification_outbox_status ON notification_outbox (status);
