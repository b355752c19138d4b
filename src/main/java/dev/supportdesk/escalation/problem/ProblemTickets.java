package dev.supportdesk.escalation.problem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The tables of "one problem, many cases" (Flyway V2026120702): tickets that cases can be linked to, the
 * links with who made and removed them, and which status each linked case was told. Runs in the caller's
 * transaction (a process step's). Whoever changes a ticket or its links first takes the ticket's row lock
 * ({@link #lock}), so a case being linked and the ticket moving or settling never miss each other.
 */
@Repository
public class ProblemTickets {

  /** An engineering ticket as the linking knows it. */
  public record Ticket(String key, String caseReference, String engineeringProcessInstanceId, String product,
      String summary, String status, String settledAs, Instant closedAt) {

    public boolean isOpen() {
      return closedAt == null;
    }
  }

  /** A case linked to a ticket; {@code unlinkedAt} null while it waits on the ticket. */
  public record Link(long id, String ticketKey, String caseReference, String linkedBy, Instant linkedAt,
      String unlinkedBy, Instant unlinkedAt, String unlinkReason) {}

  private static final String TICKET_COLUMNS = "ticket_key, case_reference, engineering_process_instance_id, product,"
      + " summary, status, settled_as, closed_at";
  private static final String LINK_COLUMNS = "id, ticket_key, case_reference, linked_by, linked_at, unlinked_by,"
      + " unlinked_at, unlink_reason";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ProblemTickets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** Records a ticket just opened; a retried step that opened it already changes nothing. */
  public void opened(String key, String caseReference, String processInstanceId, String product, String summary,
      String status) {
    if (find(key).isPresent()) {
      return;
    }
    Timestamp now = now();
    jdbc.update("INSERT INTO problem_ticket (ticket_key, case_reference, engineering_process_instance_id, product,"
            + " summary, status, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        key, caseReference, processInstanceId, product, summary, status, now, now);
  }

  public Optional<Ticket> find(String key) {
    return jdbc.query("SELECT " + TICKET_COLUMNS + " FROM problem_ticket WHERE ticket_key = ?", ProblemTickets::ticket,
        key).stream().findFirst();
  }

  /** The ticket, its row locked until the caller's transaction ends. */
  public Optional<Ticket> lock(String key) {
    return jdbc.query("SELECT " + TICKET_COLUMNS + " FROM problem_ticket WHERE ticket_key = ? FOR UPDATE",
        ProblemTickets::ticket, key).stream().findFirst();
  }

  /** Tickets still offered for linking, newest first. */
  public List<Ticket> open(int limit) {
    return jdbc.query("SELECT " + TICKET_COLUMNS + " FROM problem_ticket WHERE closed_at IS NULL"
        + " ORDER BY opened_at DESC, ticket_key DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
        ProblemTickets::ticket);
  }

  public void status(String key, String status) {
    jdbc.update("UPDATE problem_ticket SET status = ?, updated_at = ? WHERE ticket_key = ?", status, now(), key);
  }

  public void settled(String key, String settledAs) {
    jdbc.update("UPDATE problem_ticket SET settled_as = ?, updated_at = ? WHERE ticket_key = ? AND settled_as IS NULL",
        settledAs, now(), key);
  }

  public void closed(String key) {
    Timestamp now = now();
    jdbc.update("UPDATE problem_ticket SET closed_at = ?, updated_at = ? WHERE ticket_key = ? AND closed_at IS NULL",
        now, now, key);
  }

  public void link(String key, String caseReference, String linkedBy) {
    jdbc.update("INSERT INTO problem_link (ticket_key, case_reference, linked_by, linked_at) VALUES (?, ?, ?, ?)",
        key, caseReference, linkedBy, now());
  }

  /** Ends the case's link; false when the case was not linked. */
  public boolean unlink(String caseReference, String unlinkedBy, String reason) {
    return jdbc.update("UPDATE problem_link SET unlinked_by = ?, unlinked_at = ?, unlink_reason = ?"
        + " WHERE case_reference = ? AND unlinked_at IS NULL", unlinkedBy, now(), reason, caseReference) > 0;
  }

  /** The ticket the case waits on, if it is linked. */
  public Optional<Link> activeLink(String caseReference) {
    return jdbc.query("SELECT " + LINK_COLUMNS + " FROM problem_link WHERE case_reference = ? AND unlinked_at IS NULL",
        ProblemTickets::link, caseReference).stream().findFirst();
  }

  /** The cases linked to the ticket, in the order they were linked. */
  public List<Link> activeLinks(String key) {
    return jdbc.query("SELECT " + LINK_COLUMNS + " FROM problem_link WHERE ticket_key = ? AND unlinked_at IS NULL"
        + " ORDER BY linked_at, id", ProblemTickets::link, key);
  }

  /** Every link the case had, also ended ones: the audit trail. */
  public List<Link> history(String caseReference) {
    return jdbc.query("SELECT " + LINK_COLUMNS + " FROM problem_link WHERE case_reference = ? ORDER BY linked_at, id",
        ProblemTickets::link, caseReference);
  }

  /**
   * Records that the linked case is told {@code kind}; false when it already was. Called under the ticket's
   * lock, so the check and the insert cannot interleave with another step of the same ticket.
   */
  public boolean notice(String key, String caseReference, String kind) {
    Integer told = jdbc.queryForObject("SELECT COUNT(*) FROM problem_notice WHERE ticket_key = ? AND case_reference = ?"
        + " AND kind = ?", Integer.class, key, caseReference, kind);
    if (told != null && told > 0) {
      return false;
    }
    jdbc.update("INSERT INTO problem_notice (ticket_key, case_reference, kind, created_at) VALUES (?, ?, ?, ?)",
        key, caseReference, kind, now());
    return true;
  }

  public List<String> notices(String key, String caseReference) {
    return jdbc.queryForList("SELECT kind FROM problem_notice WHERE ticket_key = ? AND case_reference = ?"
        + " ORDER BY created_at, kind", String.class, key, caseReference);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static Ticket ticket(ResultSet rs, int row) throws SQLException {
    Timestamp closed = rs.getTimestamp(8);
    return new Ticket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), closed == null ? null : closed.toInstant());
  }

  private static Link link(ResultSet rs, int row) throws SQLException {
    Timestamp unlinked = rs.getTimestamp(7);
    return new Link(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
        rs.getString(6), unlinked == null ? null : unlinked.toInstant(), rs.getString(8));
  }
}
