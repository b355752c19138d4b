package dev.supportdesk.escalation.notification;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The case's record of what the customer was told. Written through the engine's DataSource and
 * transaction, so the message exists exactly when the step that caused it committed.
 */
@Repository
public class NotificationOutbox {

  private static final RowMapper<Notification> ROWS = (rs, n) -> new Notification(
      rs.getString("id"), rs.getString("case_reference"), NotificationKind.valueOf(rs.getString("kind")),
      rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
      rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
      rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
      splitRecipients(rs.getString("bcc_recipients")), rs.getString("html_body"), rs.getString("public_text"));

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public NotificationOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /**
   * Records a message once per {@code dedupKey} (the step that asked for it); a retried step finds
   * its message already there and gets the same one back. The id is derived from the dedup key, so
   * a step whose transaction rolled back writes the same id (and mail Message-ID) when retried.
   */
  public Notification enqueue(String dedupKey, String caseReference, NotificationKind kind,
      String recipient, List<String> bccRecipients, MailTemplates.Mail mail) {
    List<Notification> existing = jdbc.query(
        "SELECT * FROM notification_outbox WHERE dedup_key = ?", ROWS, dedupKey);
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    String id = idFor(dedupKey);
    String status = recipient == null || recipient.isBlank() ? Notification.NO_RECIPIENT : Notification.PENDING;
    jdbc.update("INSERT INTO notification_outbox (id, case_reference, kind, dedup_key, recipient, bcc_recipients,"
            + " subject, body, html_body, public_text, status, attempts, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        id, caseReference, kind.name(), dedupKey, recipient,
        bccRecipients.isEmpty() ? null : String.join(",", bccRecipients), mail.subject(), mail.body(), mail.html(),
        mail.message(), status, Timestamp.from(clock.instant()));
    return jdbc.queryForObject("SELECT * FROM notification_outbox WHERE id = ?", ROWS, id);
  }

  static String idFor(String dedupKey) {
    return UUID.nameUUIDFromBytes(("notification:" + dedupKey).getBytes(StandardCharsets.UTF_8)).toString();
  }

  public List<Notification> forCase(String caseReference) {
    return jdbc.query("SELECT * FROM notification_outbox WHERE case_reference = ? ORDER BY created_at, id",
        ROWS, caseReference);
  }

  /** The case of the mail {@code id} (the left-hand side of its Message-ID), if this outbox sent it. */
  public java.util.Optional<String> caseOf(String id) {
    return jdbc.queryForList("SELECT case_reference FROM notification_outbox WHERE id = ?", String.class, id)
        .stream().findFirst();
  }

  public void markSent(String id) {
    jdbc.update("UPDATE notification_outbox SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL"
            + " WHERE id = ?",
        Notification.SENT, Timestamp.from(clock.instant()), id);
  }

  private static List<String> splitRecipients(String joined) {
    return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
  }
}
