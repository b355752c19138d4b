package dev.supportdesk.escalation.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the application recorded about a case beside the engine's history: notifications sent
 * ({@code notification_outbox}), customer-facing status changes ({@code case_status_history}) and
 * customer messages (a table the customer API owns; skipped while it does not exist).
 */
@Repository
public class CaseApplicationRecords {

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public record NotificationSent(String kind, String recipient, String subject, String status,
      int attempts, Instant createdAt, Instant sentAt) {}

  public record StatusChange(String status, String processKey, String activityId, Instant enteredAt) {}

  public record CustomerMessage(String author, String kind, String body, Instant createdAt) {}

  /** The case waited on another case's engineering ticket: who linked it, and who ended the link and why. */
  public record ProblemLink(String ticketKey, String linkedBy, Instant linkedAt, String unlinkedBy,
      Instant unlinkedAt, String unlinkReason) {}

  private final JdbcTemplate jdbc;
  private final AuditProperties properties;
  private final Map<String, Boolean> tablesSeen = new ConcurrentHashMap<>();

  public CaseApplicationRecords(JdbcTemplate jdbc, AuditProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  public List<NotificationSent> notifications(String caseReference) {
    if (!tableExists("notification_outbox")) {
      return List.of();
    }
    return jdbc.query("SELECT kind, recipient, subject, status, attempts, created_at, sent_at"
            + " FROM notification_outbox WHERE case_reference = ? ORDER BY created_at, id",
        (rs, n) -> new NotificationSent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getInt(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))),
        caseReference);
  }

  public List<StatusChange> statusChanges(String caseReference) {
    if (!tableExists("case_status_history")) {
      return List.of();
    }
    return jdbc.query("SELECT status, process_key, activity_id, entered_at FROM case_status_history"
            + " WHERE case_reference = ? ORDER BY entered_at, id",
        (rs, n) -> new StatusChange(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4))),
        caseReference);
  }

  /** The customer's rating of an accepted resolution (1 to 5) and their comment. */
  public record Satisfaction(String customerId, int rating, String comment, Instant ratedAt) {}

  public List<Satisfaction> satisfaction(String caseReference) {
    if (!tableExists("case_satisfaction")) {
      return List.of();
    }
    return jdbc.query("SELECT customer_id, rating, rating_comment, rated_at FROM case_satisfaction"
            + " WHERE case_reference = ? ORDER BY rated_at, id",
        (rs, n) -> new Satisfaction(rs.getString(1), rs.getInt(2), rs.getString(3), instant(rs.getTimestamp(4))),
        caseReference);
  }

  public List<ProblemLink> problemLinks(String caseReference) {
    if (!tableExists("problem_link")) {
      return List.of();
    }
    return jdbc.query("SELECT ticket_key, linked_by, linked_at, unlinked_by, unlinked_at, unlink_reason"
            + " FROM problem_link WHERE case_reference = ? ORDER BY linked_at, id",
        (rs, n) -> new ProblemLink(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getString(4),
            instant(rs.getTimestamp(5)), rs.getString(6)),
        caseReference);
  }

  public List<CustomerMessage> customerMessages(String caseReference) {
    String table = properties.customerMessagesTable();
    if (table == null || !TABLE_NAME.matcher(table).matches() || !tableExists(table)) {
      return List.of();
    }
    return jdbc.query("SELECT author_id, kind, body, created_at FROM " + table
            + " WHERE case_reference = ? ORDER BY created_at",
        (rs, n) -> new CustomerMessage(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4))),
        caseReference);
  }

  /** Asked once per table and start: a table appears with a migration, which needs a restart anyway. */
  boolean tableExists(String table) {
    Boolean known = tablesSeen.get(table);
    if (Boolean.TRUE.equals(known)) {
      return true;
    }
    Integer count = jdbc.queryForObject(
        "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?",
        Integer.class, table.toLowerCase(Locale.ROOT));
    boolean exists = count != null && count > 0;
    if (exists) {
      tablesSeen.put(table, true);
    }
    return exists;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
