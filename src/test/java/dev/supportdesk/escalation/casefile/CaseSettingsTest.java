package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaseSettingsTest {

  @Test
  void configuredDaysBecomeTimerDurations() {
    CaseSettings settings = new CaseSettings("P7D", "P3D", "P14D");

    assertThat(settings.getAutoCloseAfter()).isEqualTo("PT168H");
    assertThat(settings.getInformationReminderAfter()).isEqualTo("PT72H");
    assertThat(settings.getInformationTimeout()).isEqualTo("PT336H");
  }

  @Test
  void malformedDurationStopsStartUpNamingTheProperty() {
    assertThatThrownBy(() -> new CaseSettings("7 days", "P3D", "P14D"))
        .hasMessageContaining("support.case.auto-close-after").hasMessageContaining("7 days");
  }

  @Test
  void reminderAfterTheTimeoutIsRejected() {
    assertThatThrownBy(() -> new CaseSettings("P7D", "P14D", "P3D"))
        .hasMessageContaining("information-reminder-after");
  }

  @Test
  void zeroDurationIsRejected() {
    assertThatThrownBy(() -> new CaseSettings("PT0S", "P3D", "P14D"))
        .hasMessageContaining("positive");
  }
}
