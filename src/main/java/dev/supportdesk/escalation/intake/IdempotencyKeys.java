package dev.supportdesk.escalation.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code Idempotency-Key} headers of {@code POST /api/cases} (table {@code idempotency_key}): a retried
 * request with the same key and body gets the case of the first; the same key with another body is a
 * conflict. Keys are per customer.
 */
@Repository
public class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";
  public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  public record Entry(String requestHash, String caseReference) {}

  private final JdbcTemplate jdbc;

  public IdempotencyKeys(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Entry> find(String customerId, String key) {
    return jdbc.query("SELECT request_hash, case_reference FROM idempotency_key"
            + " WHERE customer_id = ? AND idempotency_key = ?",
        (rs, n) -> new Entry(rs.getString(1), rs.getString(2)), customerId, key).stream().findFirst();
  }

  public void insert(String customerId, String key, String requestHash, String caseReference, Instant at) {
    jdbc.update("INSERT INTO idempotency_key (customer_id, idempotency_key, request_hash, case_reference, created_at)"
        + " VALUES (?, ?, ?, ?, ?)", customerId, key, requestHash, caseReference, Timestamp.from(at));
  }
}
