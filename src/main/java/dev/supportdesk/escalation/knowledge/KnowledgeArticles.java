package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.State;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Version;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Visibility;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The articles (table {@code knowledge_article}) and every version saved of them
 * ({@code knowledge_article_version}). Written in the caller's transaction: an article saved by a task
 * completion commits with it, or not at all.
 */
@Repository
public class KnowledgeArticles {

  static final String COLUMNS = "id, title, body, product, tags, visibility, state, version, author, source_case,"
      + " created_at, updated_at";

  /** What the index compares to see whether anything changed since it was built, on any node. */
  public record Generation(long articles, long versions, Timestamp lastChange) {}

  private final JdbcTemplate jdbc;

  public KnowledgeArticles(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Saves a new article as version 1; its id. */
  public long create(Draft draft, String author, String caseReference, Instant at) {
    KeyHolder keys = new GeneratedKeyHolder();
    Timestamp now = Timestamp.from(at);
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement("INSERT INTO knowledge_article (title, body, product,"
          + " tags, visibility, state, version, author, source_case, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, draft.title());
      insert.setString(2, draft.body());
      insert.setString(3, draft.product());
      insert.setString(4, String.join(",", draft.tags()));
      insert.setString(5, draft.visibility().name());
      insert.setString(6, draft.state().name());
      insert.setString(7, author);
      insert.setString(8, caseReference);
      insert.setTimestamp(9, now);
      insert.setTimestamp(10, now);
      return insert;
    }, keys);
    long id = keys.getKey().longValue();
    version(id, 1, draft, author, caseReference, now);
    return id;
  }

  /**
   * Saves the next version of an article last read at {@code expectedVersion}; false when someone saved
   * another version in between (nothing is written then).
   */
  public boolean revise(long id, int expectedVersion, Draft draft, String author, String caseReference, Instant at) {
    Timestamp now = Timestamp.from(at);
    int updated = jdbc.update("UPDATE knowledge_article SET title = ?, body = ?, product = ?, tags = ?, visibility = ?,"
            + " state = ?, version = version + 1, author = ?, updated_at = ? WHERE id = ? AND version = ?",
        draft.title(), draft.body(), draft.product(), String.join(",", draft.tags()), draft.visibility().name(),
        draft.state().name(), author, now, id, expectedVersion);
    if (updated == 0) {
      return false;
    }
    version(id, expectedVersion + 1, draft, author, caseReference, now);
    return true;
  }

  private void version(long id, int version, Draft draft, String author, String caseReference, Timestamp at) {
    jdbc.update("INSERT INTO knowledge_article_version (article_id, version, title, body, product, tags, visibility,"
            + " state, author, case_reference, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, version, draft.title(), draft.body(), draft.product(), String.join(",", draft.tags()),
        draft.visibility().name(), draft.state().name(), author, caseReference, at);
  }

  public Optional<KnowledgeArticle> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM knowledge_article WHERE id = ?", KnowledgeArticles::article, id)
        .stream().findFirst();
  }

  /** Every article that may be found: drafts and published ones, not the retired. */
  public List<KnowledgeArticle> searchable() {
    return jdbc.query("SELECT " + COLUMNS + " FROM knowledge_article WHERE state <> 'RETIRED' ORDER BY id",
        KnowledgeArticles::article);
  }

  /** The articles published for customers last, newest first. */
  public List<KnowledgeArticle> recentForCustomers(int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM knowledge_article WHERE state = 'PUBLISHED'"
        + " AND visibility = 'CUSTOMERS' ORDER BY updated_at DESC, id DESC FETCH FIRST " + Math.max(1, limit)
        + " ROWS ONLY", KnowledgeArticles::article);
  }

  public List<Version> versions(long id) {
    return jdbc.query("SELECT version, title, body, product, tags, visibility, state, author, case_reference,"
            + " changed_at FROM knowledge_article_version WHERE article_id = ? ORDER BY version",
        (rs, row) -> new Version(rs.getInt("version"), rs.getString("title"), rs.getString("body"),
            rs.getString("product"), KnowledgeArticle.tags(rs.getString("tags")),
            Visibility.valueOf(rs.getString("visibility")), State.valueOf(rs.getString("state")),
            rs.getString("author"), rs.getString("case_reference"), rs.getTimestamp("changed_at").toInstant()), id);
  }

  public Generation generation() {
    return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(version), 0), MAX(updated_at) FROM knowledge_article",
        (rs, row) -> new Generation(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3)));
  }

  static KnowledgeArticle article(ResultSet rs, int row) throws SQLException {
    return new KnowledgeArticle(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
        rs.getString("product"), KnowledgeArticle.tags(rs.getString("tags")),
        Visibility.valueOf(rs.getString("visibility")), State.valueOf(rs.getString("state")), rs.getInt("version"),
        rs.getString("author"), rs.getString("source_case"), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
