-- Every mail the support mailbox received and what became of it (a message of a case, a new case, an
-- answered unknown sender, a dropped auto-reply). The Message-ID makes a mail that is fetched again
-- (the mailbox was not marked before a crash) count once.
CREATE TABLE inbound_mail (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    message_id      VARCHAR(1000) NOT NULL,
    sender          VARCHAR(320),
    subject         VARCHAR(500),
    outcome         VARCHAR(32)   NOT NULL,
    detail          VARCHAR(1000),
    case_reference  VARCHAR(64),
    received_at     TIMESTAMP     NOT NULL
);
CREATE INDEX ix_inbound_mail_sender ON inbound_mail (sender, outcome, received_at);
CREATE INDEX ix_inbound_mail_case ON inbound_mail (case_reference);
