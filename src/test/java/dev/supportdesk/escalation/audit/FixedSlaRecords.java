package dev.supportdesk.escalation.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Stands in for the SLA service in tests: the closed probe case breached its resolution target. */
class FixedSlaRecords implements CaseSlaRecords {

  /** Replaces the real SLA clocks (sla/SlaAuditRecords), which the probe cases never start. */
  @org.springframework.boot.test.context.TestConfiguration
  static class InTests {
    @org.springframework.context.annotation.Bean
    @org.springframework.context.annotation.Primary
    CaseSlaRecords slaRecords() {
      return new FixedSlaRecords();
    }
  }

  /** About when the test's case starts, so that the timeline reads like a real one. */
  static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Instant WARNED = STARTED.plusSeconds(2);
  static final Instant BREACHED = STARTED.plusSeconds(3);

  @Override
  public List<SlaRecord> forCase(String caseReference) {
    if (!AuditProbeCases.CLOSED.equals(caseReference)) {
      return List.of();
    }
    return List.of(
        new SlaRecord("FIRST_RESPONSE", "MET", STARTED, STARTED.plusSeconds(4), null, null,
            STARTED.plusSeconds(1), "PT4H, tier1"),
        new SlaRecord("RESOLUTION", "BREACHED", STARTED, BREACHED, WARNED, BREACHED, null, "P1D, tier2"));
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
