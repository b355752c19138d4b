package dev.supportdesk.escalation.sla;

import dev.supportdesk.escalation.audit.CaseSlaRecords;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SLA clocks as the auditors' view reads them. A case's outcome is BREACHED when any of its targets
 * was breached (even if met later), RUNNING or PAUSED while a target is open, MET when every target that
 * applies was met in time, WITHDRAWN when none applies any more.
 */
@Component
public class SlaAuditRecords implements CaseSlaRecords {

  static final List<String> OUTCOMES = List.of("BREACHED", "RUNNING", "PAUSED", "MET", "WITHDRAWN");

  private final SlaClock clock;
  private final NamedParameterJdbcTemplate jdbc;

  public SlaAuditRecords(@Lazy SlaClock clock, NamedParameterJdbcTemplate jdbc) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  @Override
  public List<SlaRecord> forCase(String caseReference) {
    return clock.clocks(caseReference).stream().map(view -> new SlaRecord(
        view.round() > 1 ? view.target().name() + " (reopened, round " + view.round() + ")" : view.target().name(),
        view.breachedAt() != null ? "BREACHED" : view.state().name(), view.startedAt(), view.due(), view.warnedAt(),
        view.breachedAt(), view.metAt(), "target " + view.targetDuration() + ", tier " + view.responsibleTier()
            + ", elapsed " + view.elapsedBusinessTime() + " business time, paused " + view.pausedTime()))
        .toList();
  }

  @Override
  public Map<String, String> outcomes(Collection<String> caseReferences) {
    Map<String, String> outcomes = new HashMap<>();
    if (caseReferences.isEmpty()) {
      return outcomes;
    }
    Map<String, Set<String>> states = new HashMap<>();
    jdbc.query("SELECT case_reference, state, breached_at FROM sla_clock WHERE case_reference IN (:refs)",
        new MapSqlParameterSource("refs", caseReferences), rs -> {
          String state = rs.getTimestamp("breached_at") != null ? "BREACHED" : rs.getString("state");
          states.computeIfAbsent(rs.getString("case_reference"), ref -> new HashSet<>()).add(state);
        });
    states.forEach((reference, set) -> outcomes.put(reference, caseOutcome(set)));
    return outcomes;
  }

  @Override
  public Set<String> casesWithOutcome(String outcome) {
    List<String> references = jdbc.queryForList("SELECT DISTINCT case_reference FROM sla_clock",
        new MapSqlParameterSource(), String.class);
    Set<String> matching = new HashSet<>();
    for (int from = 0; from < references.size(); from += 500) {
      outcomes(references.subList(from, Math.min(references.size(), from + 500))).forEach((reference, value) -> {
        if (value.equals(outcome)) {
          matching.add(reference);
        }
      });
    }
    return matching;
  }

  @Override
  public List<String> knownOutcomes() {
    return OUTCOMES;
  }

  static String caseOutcome(Set<String> targetStates) {
    for (String outcome : OUTCOMES) {
      if (targetStates.contains(outcome)) {
        return outcome;
      }
    }
    return "WITHDRAWN";
  }
}
