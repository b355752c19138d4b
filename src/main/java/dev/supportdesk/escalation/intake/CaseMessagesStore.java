package dev.supportdesk.escalation.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What customers wrote to support about a case (table {@code case_message}). */
@Repository
public class CaseMessagesStore {

  public enum Kind { MESSAGE, RESOLUTION_ACCEPTED, RESOLUTION_OBJECTED, QUOTE_APPROVED, QUOTE_DECLINED }

  public record StoredMessage(String id, String caseReference, String authorId, Kind kind, String body,
      boolean delivered, Instant createdAt) {}

  private final JdbcTemplate jdbc;

  public CaseMessagesStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(StoredMessage m) {
    jdbc.update("INSERT INTO case_message (id, case_reference, author_id, kind, body, delivered, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)", m.id(), m.caseReference(), m.authorId(), m.kind().name(), m.body(),
        m.delivered(), Timestamp.from(m.createdAt()));
  }

  public List<StoredMessage> forCase(String reference) {
    return jdbc.query("SELECT * FROM case_message WHERE case_reference = ? ORDER BY created_at, id",
        (rs, n) -> new StoredMessage(rs.getString("id"), rs.getString("case_reference"), rs.getString("author_id"),
            Kind.valueOf(rs.getString("kind")), rs.getString("body"), rs.getBoolean("delivered"),
            rs.getTimestamp("created_at").toInstant()), reference);
  }
}
