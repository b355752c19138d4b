package dev.supportdesk.escalation.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Stands in for the SLA service in tests: the closed probe case breached its resolution target. */
class FixedSlaRecords implements CaseSlaRecords {

  static final Instant WARNED = Instant.parse("2026-11-20T09:00:00Z");
  static final Instant BREACHED = Instant.parse("2026-11-20T13:00:00Z");

  @Override
  public List<SlaRecord> forCase(String caseReference) {
    if (!AuditProbeCases.CLOSED.equals(caseReference)) {
      return List.of();
    }
    return List.of(
        new SlaRecord("FIRST_RESPONSE", "MET", WARNED.minusSeconds(7200), WARNED, null, null,
            WARNED.minusSeconds(3600), "PT4H, tier1"),
        new SlaRecord("RESOLUTION", "BREACHED", WARNED.minusSeconds(7200), BREACHED, WARNED, BREACHED, null,
            "P1D, tier2"));
  }

  @Override
  public Map<String, String> outcomes(Collection<String> caseReferences) {
    return caseReferences.stream().filter(AuditProbeCases.CLOSED::equals)
        .collect(Collectors.toMap(reference -> reference, reference -> "BREACHED"));
  }

  @Override
  public Set<String> casesWithOutcome(String outcome) {
    return "BREACHED".equals(outcome) ? Set.of(AuditProbeCases.CLOSED) : Set.of();
  }

  @Override
  public List<String> knownOutcomes() {
    return List.of("MET", "BREACHED", "RUNNING");
  }
}
