-- The customer side of a case: what the customer submitted through the API, their messages and
-- attachments, retried requests, their organisation's shared access and who watches its cases.
-- Portable between H2 (embedded default) and PostgreSQL.

-- One row per case opened through the customer API; reference = the process business key.
CREATE TABLE customer_case (
    reference           VARCHAR(64)    NOT NULL PRIMARY KEY,
    reporter_id         VARCHAR(255)   NOT NULL,
    reporter_name       VARCHAR(255),
    organisation_id     VARCHAR(255)   NOT NULL,
    case_type           VARCHAR(32)    NOT NULL,
    summary             VARCHAR(200)   NOT NULL,
    description         TEXT           NOT NULL,
    product             VARCHAR(100),
    product_version     VARCHAR(50),
    steps_to_reproduce  TEXT,
    error_messages      TEXT,
    recent_changes      TEXT,
    environment         TEXT,
    impact              VARCHAR(32),
    urgency             VARCHAR(32),
    created_at          TIMESTAMP      NOT NULL
);
CREATE INDEX ix_customer_case_reporter ON customer_case (reporter_id, created_at);
CREATE INDEX ix_customer_case_organisation ON customer_case (organisation_id, created_at);

-- A retried POST /api/cases with the same Idempotency-Key returns the case of the first request.
CREATE TABLE idempotency_key (
    customer_id         VARCHAR(255)   NOT NULL,
    idempotency_key     VARCHAR(100)   NOT NULL,
    request_hash        VARCHAR(64)    NOT NULL,
    case_reference      VARCHAR(64)    NOT NULL,
    created_at          TIMESTAMP      NOT NULL,
    CONSTRAINT pk_idempotency_key PRIMARY KEY (customer_id, idempotency_key)
);

-- What the customer wrote to support (information, answers, resolution responses).
CREATE TABLE case_message (
    id                  VARCHAR(64)    NOT NULL PRIMARY KEY,
    case_reference      VARCHAR(64)    NOT NULL,
    author_id           VARCHAR(255)   NOT NULL,
    kind                VARCHAR(32)    NOT NULL,
    body                TEXT           NOT NULL,
    -- true when a waiting process step received it (message correlation)
    delivered           BOOLEAN        NOT NULL,
    created_at          TIMESTAMP      NOT NULL
);
CREATE INDEX ix_case_message_case ON case_message (case_reference, created_at);

-- Logs and screenshots for support staff; never passed to the engineering hand-off.
CREATE TABLE case_attachment (
    id                  VARCHAR(64)    NOT NULL PRIMARY KEY,
    case_reference      VARCHAR(64)    NOT NULL,
    uploaded_by         VARCHAR(255)   NOT NULL,
    file_name           VARCHAR(255)   NOT NULL,
    content_type        VARCHAR(100)   NOT NULL,
    size_bytes          BIGINT         NOT NULL,
    sha256              VARCHAR(64)    NOT NULL,
    content             BYTEA          NOT NULL,
    created_at          TIMESTAMP      NOT NULL
);
CREATE INDEX ix_case_attachment_case ON case_attachment (case_reference, created_at);

-- Requests of an organisation's members to let every member read the organisation's cases.
CREATE TABLE shared_access_request (
    id                  VARCHAR(64)    NOT NULL PRIMARY KEY,
    organisation_id     VARCHAR(255)   NOT NULL,
    requested_by        VARCHAR(255)   NOT NULL,
    reason              VARCHAR(2000)  NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    decided_by          VARCHAR(255),
    decision_note       VARCHAR(2000),
    requested_at        TIMESTAMP      NOT NULL,
    decided_at          TIMESTAMP
);
CREATE INDEX ix_shared_access_request_org ON shared_access_request (organisation_id, status);

-- Organisations whose members may read all of the organisation's cases.
CREATE TABLE organisation_shared_access (
    organisation_id     VARCHAR(255)   NOT NULL PRIMARY KEY,
    request_id          VARCHAR(64)    NOT NULL,
    granted_by          VARCHAR(255),
    granted_at          TIMESTAMP      NOT NULL
);

-- Members of an organisation with shared access who want a copy of every case mail.
CREATE TABLE notification_watcher (
    organisation_id     VARCHAR(255)   NOT NULL,
    user_id             VARCHAR(255)   NOT NULL,
    created_at          TIMESTAMP      NOT NULL,
    CONSTRAINT pk_notification_watcher PRIMARY KEY (organisation_id, user_id)
);

-- Watchers receive the case mail as blind copies: one mail, one SMTP transaction, one outbox row.
ALTER TABLE notification_outbox ADD COLUMN bcc_recipients TEXT;
