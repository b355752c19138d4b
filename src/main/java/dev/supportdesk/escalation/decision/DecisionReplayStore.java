package dev.supportdesk.escalation.decision;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The replays written so far: tables {@code decision_replay} and {@code decision_replay_case}. A replay is
 * written once, in the transaction that ran it, and then only read.
 */
@Repository
public class DecisionReplayStore {

  static final String CASE_COLUMNS = "seq, decision_instance_id, case_reference, evaluated_at, status, changed, "
      + "old_output, new_output, old_rules, new_rules, detail";

  private final JdbcTemplate jdbc;

  public DecisionReplayStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The replay's head row, written first so that its cases can refer to it. */
  void insert(ReplaySummary summary, String summaryJson) {
    jdbc.update("INSERT INTO decision_replay (id, decision_key, file_name, dmn_sha256, period_from, period_to, "
            + "product, organisation_id, requested_by, requested_at, decisions, changed, summary) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        summary.id(), summary.decisionKey(), summary.fileName(), summary.dmnSha256(),
        Timestamp.from(summary.from()), Timestamp.from(summary.to()), summary.product(), summary.organisationId(),
        summary.requestedBy(), Timestamp.from(summary.requestedAt()), summary.decisions(), summary.changed(),
        summaryJson);
  }

  void complete(ReplaySummary summary, String summaryJson) {
    jdbc.update("UPDATE decision_replay SET decisions = ?, changed = ?, summary = ? WHERE id = ?",
        summary.decisions(), summary.changed(), summaryJson, summary.id());
  }

  void insertCases(String replayId, List<ReplayCase> cases) {
    if (cases.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("INSERT INTO decision_replay_case (replay_id, " + CASE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cases, cases.size(), (statement, replayCase) -> {
              statement.setString(1, replayId);
              statement.setLong(2, replayCase.seq());
              statement.setString(3, replayCase.decisionInstanceId());
              statement.setString(4, replayCase.caseReference());
              statement.setTimestamp(5, Timestamp.from(replayCase.evaluatedAt()));
              statement.setString(6, replayCase.status().name());
              statement.setBoolean(7, replayCase.changed());
              statement.setString(8, cut(replayCase.oldOutput()));
              statement.setString(9, cut(replayCase.newOutput()));
              statement.setString(10, cut(String.join(",", replayCase.oldRules())));
              statement.setString(11, cut(String.join(",", replayCase.newRules())));
              statement.setString(12, cut(replayCase.detail()));
            });
  }

  /** What a deployment gate needs to know of a replay: which decision and which file it replayed, and who ran it. */
  public record Head(String id, String decisionKey, String dmnSha256, String requestedBy, java.time.Instant requestedAt) {}

  public Optional<Head> head(String id) {
    return jdbc.query("SELECT id, decision_key, dmn_sha256, requested_by, requested_at FROM decision_replay WHERE id = ?",
        rs -> rs.next() ? Optional.of(new Head(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant())) : Optional.empty(), id);
  }

  /** The stored summary document (JSON), if the replay exists. */
  public Optional<String> summaryJson(String id) {
    return jdbc.query("SELECT summary FROM decision_replay WHERE id = ?", rs -> rs.next()
        ? Optional.of(rs.getString(1)) : Optional.empty(), id);
  }

  /** The latest replays' summaries, newest first. */
  public List<String> latestSummaries(int max) {
    return jdbc.queryForList("SELECT summary FROM decision_replay ORDER BY requested_at DESC FETCH FIRST ? ROWS ONLY",
        String.class, max);
  }

  public long countCases(String replayId, boolean changedOnly) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM decision_replay_case WHERE replay_id = ?"
        + (changedOnly ? " AND changed = TRUE" : ""), Long.class, replayId);
    return count == null ? 0 : count;
  }

  /** One page of a replay's cases in the order they were evaluated; {@code changedOnly} for the report. */
  public List<ReplayCase> cases(String replayId, boolean changedOnly, long firstResult, int maxResults) {
    return jdbc.query("SELECT " + CASE_COLUMNS + " FROM decision_replay_case WHERE replay_id = ?"
            + (changedOnly ? " AND changed = TRUE" : "") + " ORDER BY seq OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        (rs, row) -> caseOf(rs), replayId, firstResult, maxResults);
  }

  /** Every case of a replay, streamed in pages by sequence number (for the CSV export). */
  public void forEachCase(String replayId, Consumer<List<ReplayCase>> page) {
    long after = -1;
    while (true) {
      List<ReplayCase> cases = jdbc.query("SELECT " + CASE_COLUMNS + " FROM decision_replay_case "
          + "WHERE replay_id = ? AND seq > ? ORDER BY seq FETCH FIRST 1000 ROWS ONLY", (rs, row) -> caseOf(rs),
          replayId, after);
      if (cases.isEmpty()) {
        return;
      }
      page.accept(cases);
      after = cases.get(cases.size() - 1).seq();
    }
  }

  private static ReplayCase caseOf(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ReplayCase(rs.getLong("seq"), rs.getString("decision_instance_id"), rs.getString("case_reference"),
        rs.getTimestamp("evaluated_at").toInstant(), ReplayCase.Status.valueOf(rs.getString("status")),
        rs.getBoolean("changed"), rs.getString("old_output"), rs.getString("new_output"),
        rules(rs.getString("old_rules")), rules(rs.getString("new_rules")), rs.getString("detail"));
  }

  private static List<String> rules(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }

  private static String cut(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
  }
}
