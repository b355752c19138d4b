package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.intake.CaseMessagesStore.StoredMessage;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer's answer to a proposed resolution with, when they accept it, how satisfied they are (1 to 5
 * and a comment): one transaction, so a rating is never kept for an answer that was refused. Both doors (the
 * customer API and the Support Center) answer through here.
 */
@Service
public class CaseSatisfaction {

  public static final int COMMENT_MAX = 2_000;

  public record Rated(String caseReference, String customerId, int rating, String comment, Instant ratedAt) {}

  private final CaseConversation conversation;
  private final JdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  public CaseSatisfaction(CaseConversation conversation, JdbcTemplate jdbc) {
    this.conversation = conversation;
    this.jdbc = jdbc;
  }

  @Transactional
  public StoredMessage answer(CustomerCase c, String customerId, boolean accepted, String reason, Integer rating,
      String comment) {
    if (rating != null && (rating < 1 || rating > 5)) {
      throw ApiProblem.invalid("rating", "between 1 and 5");
    }
    StoredMessage stored = conversation.confirm(c, customerId, accepted, reason);
    if (accepted && rating != null) {
      jdbc.update("INSERT INTO case_satisfaction (case_reference, customer_id, rating, rating_comment, rated_at)"
              + " VALUES (?, ?, ?, ?, ?)", c.reference(), customerId, rating,
          comment == null || comment.isBlank() ? null : comment.strip(), Timestamp.from(clock.instant()));
    }
    return stored;
  }

  public List<Rated> of(String caseReference) {
    return jdbc.query("SELECT case_reference, customer_id, rating, rating_comment, rated_at FROM case_satisfaction"
            + " WHERE case_reference = ? ORDER BY rated_at, id",
        (rs, n) -> new Rated(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()), caseReference);
  }
}
