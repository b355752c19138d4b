package dev.supportdesk.escalation.decision;

import dev.supportdesk.escalation.decision.ReplaySummary.SlaCase;
import dev.supportdesk.escalation.decision.ReplaySummary.SlaImpact;
import dev.supportdesk.escalation.sla.BusinessCalendars;
import dev.supportdesk.escalation.sla.SlaTarget;
import dev.supportdesk.escalation.sla.SlaTargets;
import dev.supportdesk.escalation.sla.SlaVariables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SLA part of a replay of {@value SlaTargets#FIRST_RESPONSE_DECISION} or
 * {@value SlaTargets#RESOLUTION_DECISION}: every SLA clock of that target started in the period is judged
 * again against the edited table's target for the clock's recorded priority and severity, with the business
 * time the clock recorded when its target was met. Clocks not met (running, paused, withdrawn, or breached
 * and still open) have no final elapsed time and are counted as still open, not judged.
 */
@Component
public class SlaOutcomeReplay {

  private static final Map<String, SlaTarget> TARGETS = Map.of(
      SlaTargets.FIRST_RESPONSE_DECISION, SlaTarget.FIRST_RESPONSE,
      SlaTargets.RESOLUTION_DECISION, SlaTarget.RESOLUTION);

  private final JdbcTemplate jdbc;
  private final BusinessCalendars calendars;

  public SlaOutcomeReplay(JdbcTemplate jdbc, BusinessCalendars calendars) {
    this.jdbc = jdbc;
    this.calendars = calendars;
  }

  public boolean handles(String decisionKey) {
    return TARGETS.containsKey(decisionKey);
  }

  SlaImpact replay(EditedDecision edited, Instant from, Instant to, String organisationId) {
    SlaTarget target = TARGETS.get(edited.key());
    long[] counts = new long[7]; // clocks, replayed, stillOpen, breachedBefore, breachedAfter, wouldBreach, wouldMeet
    List<SlaCase> wouldBreach = new ArrayList<>();
    List<SlaCase> wouldMeet = new ArrayList<>();
    Map<String, Long> missingInputs = new TreeMap<>();
    List<Object> arguments = new ArrayList<>(List.of(target.name(), Timestamp.from(from), Timestamp.from(to)));
    if (organisationId != null) {
      arguments.add(organisationId);
    }
    jdbc.query("SELECT case_reference, priority, severity, organisation_id, target_duration, target_seconds, "
        + "breached_at, met_at, elapsed_business_seconds FROM sla_clock WHERE target = ? AND started_at >= ? "
        + "AND started_at < ?" + (organisationId != null ? " AND organisation_id = ?" : "")
        + " ORDER BY started_at, id", rs -> {
          counts[0]++;
          long elapsed = rs.getLong("elapsed_business_seconds");
          if (rs.getTimestamp("met_at") == null || rs.wasNull()) {
            counts[2]++;
            return;
          }
          Map<String, Object> recorded = new HashMap<>();
          recorded.put(SlaVariables.PRIORITY, rs.getString("priority"));
          recorded.put(SlaVariables.SEVERITY, rs.getString("severity"));
          List<EditedDecision.Input> missing = new ArrayList<>();
          Map<String, Object> variables = edited.variables(Map.of(), recorded, missing);
          if (!missing.isEmpty()) {
            missing.forEach(input -> missingInputs.merge(input.displayName(), 1L, Long::sum));
            return;
          }
          String newTarget = edited.evaluate(variables).text();
          String organisation = rs.getString("organisation_id");
          long newSeconds = seconds(newTarget, organisation);
          boolean before = rs.getTimestamp("breached_at") != null;
          boolean after = newSeconds >= 0 && elapsed > newSeconds;
          counts[1]++;
          counts[3] += before ? 1 : 0;
          counts[4] += after ? 1 : 0;
          if (before == after) {
            return;
          }
          SlaCase changed = new SlaCase(rs.getString("case_reference"), rs.getString("priority"),
              rs.getString("severity"), elapsed, rs.getString("target_duration"), rs.getLong("target_seconds"),
              newTarget, newSeconds);
          if (after) {
            counts[5]++;
            if (wouldBreach.size() < SlaImpact.LISTED) {
              wouldBreach.add(changed);
            }
          } else {
            counts[6]++;
            if (wouldMeet.size() < SlaImpact.LISTED) {
              wouldMeet.add(changed);
            }
          }
        }, arguments.toArray());
    return new SlaImpact(target.name(), counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6],
        wouldBreach, wouldMeet, missingInputs);
  }

  /** The target in business seconds of the organisation's calendar; -1 when the new table sets none. */
  private long seconds(String target, String organisationId) {
    try {
      return calendars.forOrganisation(organisationId).businessDuration(target).getSeconds();
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
