package dev.supportdesk.escalation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseSearchTest {

  @Test
  void readsCriteriaAndMakesADateRangeCoverWholeDays() {
    CaseSearch search = CaseSearch.of(Map.of("reference", " CASE-2026 ", "state", "running", "startedFrom", "2026-11-01",
        "startedTo", "2026-11-30", "endedFrom", "2026-11-02T10:00:00Z", "sortBy", "duration", "sortOrder", "asc")::get);

    assertThat(search.reference()).isEqualTo("CASE-2026");
    assertThat(search.state()).isEqualTo(CaseSearch.State.RUNNING);
    assertThat(search.startedFrom()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(search.startedTo()).isEqualTo(Instant.parse("2026-11-30T23:59:59.999Z"));
    assertThat(search.endedFrom()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    assertThat(search.sortBy()).isEqualTo(CaseSearch.Sort.DURATION);
    assertThat(search.ascending()).isTrue();
  }

  @Test
  void defaultsToNewestFirstWithoutCriteria() {
    CaseSearch search = CaseSearch.all();

    assertThat(search.reference()).isNull();
    assertThat(search.state()).isNull();
    assertThat(search.sortBy()).isEqualTo(CaseSearch.Sort.STARTED);
    assertThat(search.ascending()).isFalse();
  }

  @Test
  void rejectsUnknownStatesAndMalformedDatesWithTheAllowedValues() {
    assertThatThrownBy(() -> CaseSearch.of(Map.of("state", "sleeping")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COMPLETED");
    assertThatThrownBy(() -> CaseSearch.of(Map.of("endedTo", "yesterday")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endedTo");
  }

  @Test
  void escapesLikeWildcardsInTheReferencePrefix() {
    assertThat(CaseSearchService.escapeLike("CASE_1%")).isEqualTo("CASE\\_1\\%");
  }
}
