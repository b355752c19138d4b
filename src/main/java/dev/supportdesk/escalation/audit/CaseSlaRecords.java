package dev.supportdesk.escalation.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the auditors' view gets a case's SLA outcome from. The SLA service implements it as a Spring
 * bean; until one exists {@link #NONE} answers and the view shows no SLA data (and an SLA outcome
 * filter matches no case).
 */
public interface CaseSlaRecords {

  /** Every SLA target of the case (first response, resolution, ...), in any order. */
  List<SlaRecord> forCase(String caseReference);

  /** The case-level outcome (e.g. MET, BREACHED, RUNNING) of each given case that has one. */
  Map<String, String> outcomes(Collection<String> caseReferences);

  /** References of every case whose case-level outcome is {@code outcome}: the search filter. */
  Set<String> casesWithOutcome(String outcome);

  /** The outcomes {@link #outcomes} can return, for the search form's choices. */
  List<String> knownOutcomes();

  /**
   * One SLA target of a case and what became of it. Timestamps are null when it did not happen.
   *
   * @param target e.g. FIRST_RESPONSE, RESOLUTION
   * @param outcome e.g. RUNNING, PAUSED, MET, BREACHED, WITHDRAWN
   * @param detail free text for the timeline (target duration, responsible tier, ...)
   */
  record SlaRecord(String target, String outcome, Instant startedAt, Instant due, Instant warnedAt,
      Instant breachedAt, Instant metAt, String detail) {}

  /** No SLA service: nothing to show. */
  CaseSlaRecords NONE = new CaseSlaRecords() {
    @Override
    public List<SlaRecord> forCase(String caseReference) {
      return List.of();
    }

    @Override
    public Map<String, String> outcomes(Collection<String> caseReferences) {
      return Map.of();
    }

    @Override
    public Set<String> casesWithOutcome(String outcome) {
      return Set.of();
    }

    @Override
    public List<String> knownOutcomes() {
      return List.of();
    }
  };
}
