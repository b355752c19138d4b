package dev.supportdesk.escalation.sla;

import static dev.supportdesk.escalation.sla.BusinessCalendarTest.BERLIN;
import static dev.supportdesk.escalation.sla.BusinessCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The clock arithmetic without engine or database. */
class SlaClockRecordTest {

  final BusinessCalendar calendar = BusinessCalendarTest.officeHours(BERLIN);

  SlaClockRecord started(String target) {
    return SlaClockRecord.start("id", "CASE-2026-REC001", SlaTarget.RESOLUTION, "P2", "MEDIUM", null, target,
        calendar, "tier1", at("2026-11-23T09:00", BERLIN), 0.75);
  }

  @Test
  void warningAtTheConfiguredShareOfTheTargetInBusinessTime() {
    SlaClockRecord clock = started("P4D"); // 32 working hours; 75 % = 24

    assertThat(clock.due()).isEqualTo(at("2026-11-26T17:00", BERLIN));
    assertThat(clock.warningDue()).isEqualTo(at("2026-11-25T17:00", BERLIN));
  }

  @Test
  void pauseOverAWeekendMovesTheDueDateOnlyByItsWorkingHours() {
    SlaClockRecord clock = started("PT4H")
        .pause(at("2026-11-23T11:00", BERLIN), "WAITING_FOR_CUSTOMER");
    assertThat(clock.due()).isNull();
    assertThat(clock.state()).isEqualTo(SlaClockRecord.State.PAUSED);

    // Monday 11:00 to the next Tuesday 10:00: 6 + 8×4 + 8 + 1 = 47 working hours, 191 hours on the wall
    SlaClockRecord resumed = clock.resume(calendar, at("2026-12-01T10:00", BERLIN), 0.75);

    assertThat(resumed.pausedBusiness()).isEqualTo(Duration.ofHours(47));
    assertThat(resumed.pausedWall()).isEqualTo(Duration.ofHours(191));
    assertThat(resumed.due()).isEqualTo(at("2026-12-01T12:00", BERLIN));
    assertThat(resumed.elapsedAt(calendar, at("2026-12-01T10:00", BERLIN))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void metWhilePausedClosesThePauseAndKeepsTheElapsedTime() {
    SlaClockRecord met = started("P1D")
        .pause(at("2026-11-23T10:00", BERLIN), "WAITING_FOR_CUSTOMER")
        .met(calendar, at("2026-11-24T10:00", BERLIN), 0.75);

    assertThat(met.state()).isEqualTo(SlaClockRecord.State.MET);
    assertThat(met.isOpen()).isFalse();
    assertThat(met.elapsedBusiness()).isEqualTo(Duration.ofHours(1));
    assertThat(met.pausedBusiness()).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void retargetingCountsFromTheSameStartAndPauses() {
    SlaClockRecord clock = started("P10D")
        .pause(at("2026-11-23T10:00", BERLIN), "WAITING_FOR_CUSTOMER")
        .resume(calendar, at("2026-11-23T12:00", BERLIN), 0.75);

    SlaClockRecord severe = clock.retargeted("P1D", "P0", "SEVERE", calendar, 0.75);

    assertThat(severe.due()).isEqualTo(at("2026-11-24T11:00", BERLIN));
    assertThat(severe.priority()).isEqualTo("P0");
  }

  @Test
  void breachStaysOnRecordWhenTheTargetIsMetLate() {
    SlaClockRecord late = started("PT4H").breached(at("2026-11-23T13:00", BERLIN))
        .met(calendar, at("2026-11-23T15:00", BERLIN), 0.75);

    assertThat(late.state()).isEqualTo(SlaClockRecord.State.BREACHED);
    assertThat(late.elapsedBusiness()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void priorityRisesOneStepAndStopsAtP0() {
    assertThat(SlaClock.raise("P3")).isEqualTo("P2");
    assertThat(SlaClock.raise("P1")).isEqualTo("P0");
    assertThat(SlaClock.raise("P0")).isEqualTo("P0");
    assertThat(SlaClock.raise(null)).isNull();
  }
}
