-- Issue 14: password reset by e-mail link for Support Center customers. Only the SHA-256 of a link's token is
-- kept; a token is valid for 30 minutes and once.
CREATE TABLE password_reset (
    token_hash       VARCHAR(64)   NOT NULL PRIMARY KEY,
    customer_id      VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    expires_at       TIMESTAMP     NOT NULL,
    used_at          TIMESTAMP
);
CREATE INDEX ix_password_reset_customer ON password_reset (customer_id, created_at);
