package dev.supportdesk.escalation.conversation.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What became of each received mail (table {@code inbound_mail}), keyed by its Message-ID. */
@Repository
public class InboundMailRecords {

  /** What the mailbox did with a mail. */
  public enum Outcome {
    /** Added to the case its headers or subject named (and answered the question the case waited on). */
    CASE_MESSAGE,
    /** A known customer wrote without naming one of their open cases: a new case. */
    CASE_OPENED,
    /** The named case is closed: a new case that refers to it (the reopen policy of mail and API alike). */
    FOLLOW_UP_OPENED,
    /** The sender is no customer (or several share the address): a polite answer, nothing created. */
    UNKNOWN_SENDER,
    /** A colleague who may read the case but not write to it: told so, nothing added. */
    NOT_REPORTER,
    /** Written by a machine (auto-reply, bounce, list) or forged: dropped without an answer. */
    AUTOMATED,
    /** Nothing to add: no text and no file, or text that is not plain text. */
    REFUSED
  }

  public record Entry(String messageId, String sender, String subject, Outcome outcome, String detail,
      String caseReference, Instant receivedAt) {}

  private final JdbcTemplate jdbc;

  public InboundMailRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the mail once; false when it was recorded before (a second fetch of the same mail). */
  public boolean record(Entry entry) {
    try {
      jdbc.update("INSERT INTO inbound_mail (id, message_id, sender, subject, outcome, detail, case_reference,"
              + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          key(entry.messageId()), cut(entry.messageId(), 1000), cut(entry.sender(), 320), cut(entry.subject(), 500),
          entry.outcome().name(), cut(entry.detail(), 1000), entry.caseReference(),
          Timestamp.from(entry.receivedAt()));
      return true;
    } catch (DuplicateKeyException again) {
      return false;
    }
  }

  /** Whether this sender was answered with {@code outcome} since {@code since}: one polite answer a day is enough. */
  public boolean answeredSince(String sender, Outcome outcome, Instant since) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_mail WHERE sender = ? AND outcome = ?"
        + " AND received_at >= ?", Integer.class, cut(sender, 320), outcome.name(), Timestamp.from(since));
    return count != null && count > 0;
  }

  public List<Entry> forCase(String caseReference) {
    return jdbc.query("SELECT * FROM inbound_mail WHERE case_reference = ? ORDER BY received_at, id",
        (rs, n) -> entry(rs), caseReference);
  }

  public Optional<Entry> find(String messageId) {
    return jdbc.query("SELECT * FROM inbound_mail WHERE id = ?", (rs, n) -> entry(rs), key(messageId))
        .stream().findFirst();
  }

  private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Entry(rs.getString("message_id"), rs.getString("sender"), rs.getString("subject"),
        Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"), rs.getString("case_reference"),
        rs.getTimestamp("received_at").toInstant());
  }

  static String key(String messageId) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(messageId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
