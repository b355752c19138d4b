package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Unit tests of business-time arithmetic: no engine, no Spring. */
class BusinessCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Monday to Friday 09:00–17:00 in {@code zone}, with the given holidays. */
  static BusinessCalendar officeHours(ZoneId zone, LocalDate... holidays) {
    Map<DayOfWeek, List<BusinessCalendar.WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      week.put(day, BusinessCalendar.WorkingPeriod.parseAll("09:00-17:00"));
    }
    return new BusinessCalendar(zone, week, Set.of(holidays), Set.of(), null);
  }

  static BusinessCalendar roundTheClock(ZoneId zone) {
    Map<DayOfWeek, List<BusinessCalendar.WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, BusinessCalendar.WorkingPeriod.parseAll("00:00-24:00"));
    }
    return new BusinessCalendar(zone, week, Set.of(), Set.of(), Duration.ofHours(24));
  }

  static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  static String local(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toLocalDateTime().toString();
  }

  final BusinessCalendar berlin = officeHours(BERLIN);

  @Nested
  class Plus {

    @Test
    void oneBusinessDayFromMidMorningEndsNextDayAtTheSameTime() {
      Instant due = berlin.plus(at("2026-11-24T11:00", BERLIN), berlin.businessDuration("P1D"));

      assertThat(local(due, BERLIN)).isEqualTo("2026-11-25T11:00");
    }

    @Test
    void targetThatUsesUpTheDayEndsAtClosingNotNextMorning() {
      Instant due = berlin.plus(at("2026-11-24T09:00", BERLIN), Duration.ofHours(8));

      assertThat(local(due, BERLIN)).isEqualTo("2026-11-24T17:00");
    }

    @Test
    void skipsTheWeekend() {
      Instant due = berlin.plus(at("2026-11-27T15:00", BERLIN), Duration.ofHours(4));

      assertThat(local(due, BERLIN)).isEqualTo("2026-11-30T11:00");
    }

    @Test
    void startOnSaturdayCountsFromMondayMorning() {
      Instant due = berlin.plus(at("2026-11-28T10:00", BERLIN), Duration.ofHours(4));

      assertThat(local(due, BERLIN)).isEqualTo("2026-11-30T13:00");
    }

    @Test
    void startBeforeOpeningCountsFromOpening() {
      Instant due = berlin.plus(at("2026-11-24T06:30", BERLIN), Duration.ofHours(2));

      assertThat(local(due, BERLIN)).isEqualTo("2026-11-24T11:00");
    }

    @Test
    void startAfterClosingCountsFromNextOpening() {
      Instant due = berlin.plus(at("2026-11-24T19:45", BERLIN), Duration.ofMinutes(30));

      assertThat(local(due, BERLIN)).isEqualTo("2026-11-25T09:30");
    }

    @Test
    void skipsPublicHolidays() {
      BusinessCalendar christmas = officeHours(BERLIN, LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"));

      Instant due = christmas.plus(at("2026-12-23T13:00", BERLIN), christmas.businessDuration("P1D"));

      assertThat(local(due, BERLIN)).isEqualTo("2026-12-28T13:00");
    }

    @Test
    void skipsYearlyHolidaysInEveryYear() {
      BusinessCalendar newYear = new BusinessCalendar(BERLIN, officeHours(BERLIN).hours(), Set.of(),
          Set.of(MonthDay.parse("--01-01")), null);

      assertThat(local(newYear.plus(at("2027-12-31T16:00", BERLIN), Duration.ofHours(2)), BERLIN))
          .isEqualTo("2028-01-03T10:00");
      assertThat(local(newYear.plus(at("2026-12-31T16:00", BERLIN), Duration.ofHours(2)), BERLIN))
          .isEqualTo("2027-01-04T10:00");
    }

    @Test
    void countsWorkingHoursInTheCalendarsOwnTimeZone() {
      BusinessCalendar newYork = officeHours(NEW_YORK);
      Instant start = at("2026-11-24T14:00", BERLIN); // 08:00 in New York: before its opening

      Instant due = newYork.plus(start, Duration.ofHours(2));

      assertThat(local(due, NEW_YORK)).isEqualTo("2026-11-24T11:00");
      assertThat(local(due, BERLIN)).isEqualTo("2026-11-24T17:00");
    }

    @Test
    void keepsLocalOfficeHoursAcrossTheSpringForwardWeekend() {
      // clocks go from 02:00 to 03:00 on Sunday 2026-03-29 in Berlin
      Instant start = at("2026-03-27T15:00", BERLIN);

      Instant due = berlin.plus(start, Duration.ofHours(4));

      assertThat(local(due, BERLIN)).isEqualTo("2026-03-30T11:00");
      assertThat(Duration.between(start, due)).isEqualTo(Duration.ofHours(67)); // one wall-clock hour less
    }

    @Test
    void keepsLocalOfficeHoursAcrossTheFallBackWeekend() {
      // clocks go from 03:00 back to 02:00 on Sunday 2026-10-25 in Berlin
      Instant start = at("2026-10-23T15:00", BERLIN);

      Instant due = berlin.plus(start, Duration.ofHours(4));

      assertThat(local(due, BERLIN)).isEqualTo("2026-10-26T11:00");
      assertThat(Duration.between(start, due)).isEqualTo(Duration.ofHours(69));
    }

    @Test
    void roundTheClockCalendarCountsRealHoursOnTheShortDay() {
      BusinessCalendar always = roundTheClock(BERLIN);

      Instant due = always.plus(at("2026-03-28T12:00", BERLIN), always.businessDuration("P1D"));

      assertThat(Duration.between(at("2026-03-28T12:00", BERLIN), due)).isEqualTo(Duration.ofHours(24));
      assertThat(local(due, BERLIN)).isEqualTo("2026-03-29T13:00");
    }

    @Test
    void roundTheClockCalendarCountsRealHoursOnTheLongDay() {
      BusinessCalendar always = roundTheClock(BERLIN);

      Instant due = always.plus(at("2026-10-24T12:00", BERLIN), Duration.ofHours(24));

      assertThat(local(due, BERLIN)).isEqualTo("2026-10-25T11:00");
    }

    @Test
    void splitDayWithLunchBreakSkipsTheBreak() {
      Map<DayOfWeek, List<BusinessCalendar.WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
      week.put(DayOfWeek.TUESDAY, BusinessCalendar.WorkingPeriod.parseAll("08:00-12:00, 13:00-17:00"));
      BusinessCalendar withLunch = new BusinessCalendar(BERLIN, week, Set.of(), Set.of(), null);

      Instant due = withLunch.plus(at("2026-11-24T11:00", BERLIN), Duration.ofHours(2));

      assertThat(local(due, BERLIN)).isEqualTo("2026-11-24T14:00");
      assertThat(withLunch.businessDay()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void zeroReturnsTheStart() {
      Instant saturday = at("2026-11-28T10:00", BERLIN);

      assertThat(berlin.plus(saturday, Duration.ZERO)).isEqualTo(saturday);
    }
  }

  @Nested
  class Between {

    @Test
    void countsOnlyWorkingHoursOverNightsAndWeekends() {
      // a pause from Friday 16:00 to Monday 10:00 costs two business hours
      Duration paused = berlin.between(at("2026-11-27T16:00", BERLIN), at("2026-11-30T10:00", BERLIN));

      assertThat(paused).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void pauseEntirelyOutsideWorkingHoursCostsNothing() {
      assertThat(berlin.between(at("2026-11-24T18:00", BERLIN), at("2026-11-25T08:30", BERLIN))).isZero();
      assertThat(berlin.between(at("2026-11-28T09:00", BERLIN), at("2026-11-29T17:00", BERLIN))).isZero();
    }

    @Test
    void holidayInsideAPauseIsNotCounted() {
      BusinessCalendar christmas = officeHours(BERLIN, LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"));

      assertThat(christmas.between(at("2026-12-23T09:00", BERLIN), at("2026-12-28T17:00", BERLIN)))
          .isEqualTo(Duration.ofHours(16));
    }

    @Test
    void isTheInverseOfPlus() {
      Instant start = at("2026-10-22T13:17", BERLIN);
      Duration target = berlin.businessDuration("P2DT3H");

      Instant due = berlin.plus(start, target);

      assertThat(berlin.between(start, due)).isEqualTo(target);
    }

    @Test
    void reversedIntervalIsZero() {
      assertThat(berlin.between(at("2026-11-25T10:00", BERLIN), at("2026-11-24T10:00", BERLIN))).isZero();
    }

    @Test
    void roundTheClockCountsTheExtraHourOfTheFallBackNight() {
      BusinessCalendar always = roundTheClock(BERLIN);

      assertThat(always.between(at("2026-10-25T00:00", BERLIN), at("2026-10-26T00:00", BERLIN)))
          .isEqualTo(Duration.ofHours(25));
    }
  }

  @Nested
  class Targets {

    @Test
    void dayOfATargetIsOneWorkingDay() {
      assertThat(berlin.businessDuration("P1D")).isEqualTo(Duration.ofHours(8));
      assertThat(berlin.businessDuration("P10D")).isEqualTo(Duration.ofHours(80));
      assertThat(berlin.businessDuration("P1DT4H")).isEqualTo(Duration.ofHours(12));
      assertThat(berlin.businessDuration("PT30M")).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void rejectsWeeksMonthsAndNonsense() {
      assertThatThrownBy(() -> berlin.businessDuration("P1W")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> berlin.businessDuration("P1M")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> berlin.businessDuration("PT0H")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> berlin.businessDuration("1 day")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calendarWithoutWorkingHoursIsRejected() {
      assertThatThrownBy(() -> new BusinessCalendar(BERLIN, Map.of(), Set.of(), Set.of(), null))
          .hasMessageContaining("working hours");
    }

    @Test
    void overlappingWorkingHoursAreRejected() {
      assertThatThrownBy(() -> BusinessCalendar.WorkingPeriod.parseAll("09:00-13:00,12:00-17:00"))
          .hasMessageContaining("overlap");
    }
  }
}
