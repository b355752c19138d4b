package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;

class CaseReferencesTest {

  final HistoryService history = mock(HistoryService.class, RETURNS_DEEP_STUBS);
  final CaseReferences references =
      new CaseReferences(history, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void referencesAreReadableAndCarryTheYear() {
    when(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(org.mockito.ArgumentMatchers.anyString())
        .count()).thenReturn(0L);
    String reference = references.next();
    assertThat(reference).startsWith("CASE-2026-").matches(CaseReferences.FORMAT.pattern());
    assertThat(reference.substring(10)).doesNotContainPattern("[ILOU]");
  }

  @Test
  void aTakenReferenceIsNeverHandedOutAgain() {
    when(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(org.mockito.ArgumentMatchers.anyString())
        .count()).thenReturn(1L, 1L, 0L);
    assertThat(references.next()).matches(CaseReferences.FORMAT.pattern());
  }

  @Test
  void validatesTheFormat() {
    assertThat(CaseReferences.isValid("CASE-2026-7K3M9Q")).isTrue();
    assertThat(CaseReferences.isValid("CASE-2026-7K3M9")).isFalse();
    assertThat(CaseReferences.isValid("CASE-2026-7K3M9I")).isFalse();
    assertThat(CaseReferences.isValid("case-2026-7K3M9Q")).isFalse();
    assertThat(CaseReferences.isValid("../../etc/passwd")).isFalse();
    assertThat(CaseReferences.isValid(null)).isFalse();
  }
}
