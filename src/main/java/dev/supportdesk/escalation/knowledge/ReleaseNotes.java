package dev.supportdesk.escalation.knowledge;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Release notes (Flyway V2026120703): one note per product and version with its entries, and who follows
 * them. Written in the transaction of the process step that released a fix or planned a feature.
 */
@Repository
public class ReleaseNotes {

  public enum EntryKind { TICKET, FEATURE_REQUEST }

  public record Entry(EntryKind kind, String reference, String text, Instant addedAt) {}

  /** A note; {@code product} null when it names none, {@code postedAt} null until posted. */
  public record ReleaseNote(long id, String product, String version, LocalDate releasedOn, Instant postedAt,
      List<Entry> entries) {

    public String reference() {
      return "RN-" + id;
    }

    /** The entries as customers read them, one paragraph each. */
    public String text() {
      return String.join("\n\n", entries.stream().map(Entry::text).toList());
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  public ReleaseNotes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The note of the product's version, created (unposted) if there is none yet. */
  public long noteFor(String product, String version) {
    String key = productKey(product);
    List<Long> found = jdbc.queryForList("SELECT id FROM release_note WHERE product = ? AND version = ?", Long.class,
        key, version);
    if (!found.isEmpty()) {
      return found.get(0);
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("INSERT INTO release_note (product, version, created_at, updated_at) VALUES (?, ?, ?, ?)",
        key, version, now, now);
    return jdbc.queryForObject("SELECT id FROM release_note WHERE product = ? AND version = ?", Long.class, key, version);
  }

  /** Adds the entry, or replaces the text of the same ticket or feature request (a fix released again). */
  public void addEntry(long noteId, EntryKind kind, String reference, String text) {
    Timestamp now = Timestamp.from(clock.instant());
    int updated = jdbc.update("UPDATE release_note_entry SET text = ? WHERE release_note_id = ? AND kind = ?"
        + " AND reference = ?", text, noteId, kind.name(), reference);
    if (updated == 0) {
      jdbc.update("INSERT INTO release_note_entry (release_note_id, kind, reference, text, added_at)"
          + " VALUES (?, ?, ?, ?, ?)", noteId, kind.name(), reference, text, now);
    }
    jdbc.update("UPDATE release_note SET updated_at = ? WHERE id = ?", now, noteId);
  }

  /** Posts the note (released today); false when it was posted before. */
  public boolean post(long noteId) {
    Instant now = clock.instant();
    return jdbc.update("UPDATE release_note SET posted_at = ?, released_on = ?, updated_at = ? WHERE id = ?"
            + " AND posted_at IS NULL", Timestamp.from(now), Date.valueOf(LocalDate.ofInstant(now, ZoneOffset.UTC)),
        Timestamp.from(now), noteId) > 0;
  }

  public Optional<ReleaseNote> find(long id) {
    return jdbc.query("SELECT id, product, version, released_on, posted_at FROM release_note WHERE id = ?",
        (rs, n) -> note(rs), id).stream().findFirst();
  }

  /** Posted notes, newest first; of one product (and those naming none) when given. */
  public List<ReleaseNote> posted(String product, int limit) {
    String sql = "SELECT id, product, version, released_on, posted_at FROM release_note WHERE posted_at IS NOT NULL"
        + (product == null ? "" : " AND (LOWER(product) = LOWER(?) OR product = '')")
        + " ORDER BY posted_at DESC, id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY";
    return product == null ? jdbc.query(sql, (rs, n) -> note(rs)) : jdbc.query(sql, (rs, n) -> note(rs), product);
  }

  // --- followers -----------------------------------------------------------------------------------

  public void follow(String customerId, String product) {
    String key = productKey(product);
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM release_note_follower WHERE customer_id = ?"
        + " AND product = ?", Integer.class, customerId, key);
    if (known == null || known == 0) {
      jdbc.update("INSERT INTO release_note_follower (customer_id, product, followed_at) VALUES (?, ?, ?)",
          customerId, key, Timestamp.from(clock.instant()));
    }
  }

  public void unfollow(String customerId) {
    jdbc.update("DELETE FROM release_note_follower WHERE customer_id = ?", customerId);
  }

  /** The products the customer follows; "" stands for every product. */
  public List<String> followed(String customerId) {
    return jdbc.queryForList("SELECT product FROM release_note_follower WHERE customer_id = ? ORDER BY product",
        String.class, customerId);
  }

  /** Who gets the note: followers of its product and followers of every product, each once. */
  public List<String> followersOf(long noteId) {
    return jdbc.queryForList("SELECT DISTINCT f.customer_id FROM release_note_follower f JOIN release_note n"
        + " ON n.id = ? WHERE f.product = '' OR LOWER(f.product) = LOWER(n.product) ORDER BY f.customer_id",
        String.class, noteId);
  }

  private ReleaseNote note(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    Date released = rs.getDate(4);
    Timestamp posted = rs.getTimestamp(5);
    List<Entry> entries = jdbc.query("SELECT kind, reference, text, added_at FROM release_note_entry"
            + " WHERE release_note_id = ? ORDER BY added_at, id",
        (r, n) -> new Entry(EntryKind.valueOf(r.getString(1)), r.getString(2), r.getString(3),
            r.getTimestamp(4).toInstant()), id);
    String product = rs.getString(2);
    return new ReleaseNote(id, product.isEmpty() ? null : product, rs.getString(3),
        released == null ? null : released.toLocalDate(), posted == null ? null : posted.toInstant(), entries);
  }

  /** A product name that may be followed or filtered by: letters, digits, spaces and {@code . _ + - / ( )}. */
  public static boolean isProductName(String product) {
    return product.chars().allMatch(c -> Character.isLetterOrDigit(c) || " ._+-/()".indexOf(c) >= 0);
  }

  static String productKey(String product) {
    return product == null ? "" : product.strip();
  }
}
