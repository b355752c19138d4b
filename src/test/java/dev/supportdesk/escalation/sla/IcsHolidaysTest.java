package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

class IcsHolidaysTest {

  @Test
  void readsOneOffAllDayEventsAndMultiDaySpans() {
    IcsHolidays.Holidays holidays = IcsHolidays.parse("""
        BEGIN:VCALENDAR
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20260403
        SUMMARY:Good Friday
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20261224
        DTEND;VALUE=DATE:20261227
        SUMMARY:Christmas break
        END:VEVENT
        END:VCALENDAR
        """);

    assertThat(holidays.dates()).containsExactlyInAnyOrder(LocalDate.parse("2026-04-03"),
        LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"));
    assertThat(holidays.yearly()).isEmpty();
  }

  @Test
  void yearlyRuleWithoutEndRecursEveryYear() {
    IcsHolidays.Holidays holidays = IcsHolidays.parse("""
        BEGIN:VCALENDAR\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20200101\r
        RRULE:FREQ=YEARLY\r
        SUMMARY:New Year\r
        END:VEVENT\r
        END:VCALENDAR\r
        """);

    assertThat(holidays.yearly()).containsExactly(MonthDay.of(1, 1));
  }

  @Test
  void yearlyRuleWithCountOrUntilStopsThere() {
    IcsHolidays.Holidays holidays = IcsHolidays.parse("""
        BEGIN:VCALENDAR
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20260817
        RRULE:FREQ=YEARLY;COUNT=2
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20260910
        RRULE:FREQ=YEARLY;UNTIL=20270910
        END:VEVENT
        END:VCALENDAR
        """);

    assertThat(holidays.dates()).containsExactlyInAnyOrder(LocalDate.parse("2026-08-17"), LocalDate.parse("2027-08-17"),
        LocalDate.parse("2026-09-10"), LocalDate.parse("2027-09-10"));
  }

  @Test
  void skipsTimedCancelledAndWeekdayRuleEventsAndUnfoldsLines() {
    IcsHolidays.Holidays holidays = IcsHolidays.parse("""
        BEGIN:VCALENDAR
        BEGIN:VEVENT
        DTSTART:20261124T140000Z
        SUMMARY:Team meeting
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20261126
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH
        SUMMARY:Thanksgiving
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20261231
        STATUS:CANCELLED
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:
         20261003
        SUMMARY:Folded
        END:VEVENT
        END:VCALENDAR
        """);

    assertThat(holidays.dates()).containsExactly(LocalDate.parse("2026-10-03"));
    assertThat(holidays.yearly()).isEmpty();
  }
}
