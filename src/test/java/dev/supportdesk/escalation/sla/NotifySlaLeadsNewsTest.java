package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.escalation.sla.NotifySlaLeadsDelegate.News;
import org.junit.jupiter.api.Test;

class NotifySlaLeadsNewsTest {

  @Test
  void everyWarningAndBreachOfEveryTargetHasItsOwnCodeThatReadsBack() {
    for (SlaTarget target : SlaTarget.values()) {
      for (boolean breach : new boolean[] {false, true}) {
        assertThat(News.of(News.code(breach, target))).isEqualTo(new News(breach, target));
      }
    }
    assertThat(News.code(false, SlaTarget.FIRST_RESPONSE)).isEqualTo("SlaWarningFirstResponse");
    assertThat(News.code(true, SlaTarget.RESOLUTION)).isEqualTo("SlaBreachResolution");
  }

  @Test
  void aCodeOfSomethingElseIsRefused() {
    assertThatThrownBy(() -> News.of("EngineeringDone")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EngineeringDone");
  }
}
