package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaAuditRecordsTest {

  @Test
  void aCaseIsBreachedWhenAnyTargetWasEvenIfItIsMetLater() {
    assertThat(SlaAuditRecords.caseOutcome(Set.of("MET", "BREACHED"))).isEqualTo("BREACHED");
    assertThat(SlaAuditRecords.caseOutcome(Set.of("MET", "RUNNING"))).isEqualTo("RUNNING");
    assertThat(SlaAuditRecords.caseOutcome(Set.of("PAUSED", "MET"))).isEqualTo("PAUSED");
    assertThat(SlaAuditRecords.caseOutcome(Set.of("MET", "WITHDRAWN"))).isEqualTo("MET");
    assertThat(SlaAuditRecords.caseOutcome(Set.of("WITHDRAWN"))).isEqualTo("WITHDRAWN");
  }
}
