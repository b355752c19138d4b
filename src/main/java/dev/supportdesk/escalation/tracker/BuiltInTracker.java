package dev.supportdesk.escalation.tracker;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The default tracker: tickets in the application's own tables (migration V2026112510), written through
 * the engine's DataSource and transaction, so a ticket exists exactly when the step that opened it
 * committed. Keys are {@value #KEY_PREFIX}-1, -2, ... from a database sequence.
 */
@Component
@ConditionalOnProperty(name = "support.tracker.type", havingValue = BuiltInTracker.TYPE, matchIfMissing = true)
public class BuiltInTracker implements EngineeringTracker {

  public static final String TYPE = "built-in";
  public static final String KEY_PREFIX = "ENG";

  public record StatusChange(TicketStatus status, Instant changedAt) {}

  public record Comment(String body, Instant createdAt) {}

  private static final RowMapper<Ticket> TICKETS = (rs, n) -> new Ticket(
      rs.getString("ticket_key"), rs.getString("case_reference"), rs.getString("summary"),
      rs.getString("description"), rs.getString("priority"), rs.getString("severity"),
      TicketStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
      rs.getTimestamp("updated_at").toInstant());

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private volatile String nextNumberQuery;

  @org.springframework.beans.factory.annotation.Autowired
  public BuiltInTracker(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  BuiltInTracker(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Ticket open(NewTicket request) {
    List<Ticket> existing = jdbc.query(
        "SELECT * FROM engineering_ticket WHERE case_reference = ? AND dedup_key = ?",
        TICKETS, request.caseReference(), request.dedupKey());
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    Long number = jdbc.queryForObject(nextNumberQuery(), Long.class);
    String key = KEY_PREFIX + "-" + number;
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("INSERT INTO engineering_ticket (ticket_key, case_reference, dedup_key, summary, description,"
            + " priority, severity, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key, request.caseReference(), request.dedupKey(), abbreviate(request.summary(), 500),
        request.description(), request.priority(), request.severity(), TicketStatus.SPECIFYING.name(), now, now);
    recordStatus(key, TicketStatus.SPECIFYING, now);
    return find(key);
  }

  @Override
  public Ticket move(String ticketKey, TicketStatus status) {
    Ticket ticket = find(ticketKey);
    if (ticket.status() == status) {
      return ticket;
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("UPDATE engineering_ticket SET status = ?, updated_at = ? WHERE ticket_key = ?",
        status.name(), now, ticketKey);
    recordStatus(ticketKey, status, now);
    return find(ticketKey);
  }

  @Override
  public TicketStatus status(String ticketKey) {
    return find(ticketKey).status();
  }

  @Override
  public void comment(String ticketKey, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A comment needs text");
    }
    find(ticketKey);
    jdbc.update("INSERT INTO engineering_ticket_comment (ticket_key, body, created_at) VALUES (?, ?, ?)",
        ticketKey, text, Timestamp.from(clock.instant()));
  }

  public Ticket find(String ticketKey) {
    List<Ticket> tickets = jdbc.query("SELECT * FROM engineering_ticket WHERE ticket_key = ?", TICKETS, ticketKey);
    if (tickets.isEmpty()) {
      throw new TicketNotFoundException(ticketKey);
    }
    return tickets.get(0);
  }

  public List<Ticket> forCase(String caseReference) {
    return jdbc.query("SELECT * FROM engineering_ticket WHERE case_reference = ? ORDER BY created_at, ticket_key",
        TICKETS, caseReference);
  }

  public List<StatusChange> statusHistory(String ticketKey) {
    return jdbc.query("SELECT status, changed_at FROM engineering_ticket_status_history WHERE ticket_key = ?"
            + " ORDER BY id",
        (rs, n) -> new StatusChange(TicketStatus.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant()),
        ticketKey);
  }

  public List<Comment> comments(String ticketKey) {
    return jdbc.query("SELECT body, created_at FROM engineering_ticket_comment WHERE ticket_key = ?"
            + " ORDER BY id",
        (rs, n) -> new Comment(rs.getString(1), rs.getTimestamp(2).toInstant()), ticketKey);
  }

  private void recordStatus(String ticketKey, TicketStatus status, Timestamp at) {
    jdbc.update("INSERT INTO engineering_ticket_status_history (ticket_key, status, changed_at) VALUES (?, ?, ?)",
        ticketKey, status.name(), at);
  }

  /** PostgreSQL spells it nextval('seq'); H2 (and standard SQL) NEXT VALUE FOR seq. */
  private String nextNumberQuery() {
    if (nextNumberQuery == null) {
      nextNumberQuery = isPostgres(jdbc.getDataSource())
          ? "SELECT nextval('engineering_ticket_number')"
          : "SELECT NEXT VALUE FOR engineering_ticket_number";
    }
    return nextNumberQuery;
  }

  private static boolean isPostgres(DataSource dataSource) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot tell the database of the built-in tracker", e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
