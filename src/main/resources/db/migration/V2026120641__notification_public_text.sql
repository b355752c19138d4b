-- What the customer reads of each mail: the HTML alternative that is sent, and the message itself (the
-- mail's text without greeting, links and signature, with what the agent wrote for the customer), which
-- the customer's case conversation lists. Rows written before this migration have neither.
ALTER TABLE notification_outbox ADD COLUMN html_body TEXT;
ALTER TABLE notification_outbox ADD COLUMN public_text TEXT;
