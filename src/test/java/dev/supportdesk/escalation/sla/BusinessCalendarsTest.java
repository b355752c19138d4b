package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessCalendarsTest {

  @Test
  void defaultIsMondayToFridayNineToFiveInBerlin() {
    BusinessCalendar calendar = BusinessCalendars.from(new SlaProperties()).defaultCalendar();

    assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(calendar.hours().get(DayOfWeek.FRIDAY)).hasSize(1);
    assertThat(calendar.hours().get(DayOfWeek.SATURDAY)).isEmpty();
    assertThat(calendar.businessDay()).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void holidaysComeFromConfigurationAndTheIcsFile() {
    SlaProperties properties = new SlaProperties();
    properties.getCalendar().setHolidays(List.of("2026-12-24", "--12-31"));
    properties.getCalendar().setHolidaysIcs("classpath:sla/holidays-de-nationwide.ics");

    BusinessCalendar calendar = BusinessCalendars.from(properties).defaultCalendar();

    assertThat(calendar.isHoliday(LocalDate.parse("2026-12-24"))).isTrue();
    assertThat(calendar.isHoliday(LocalDate.parse("2030-12-31"))).isTrue();
    assertThat(calendar.isHoliday(LocalDate.parse("2031-12-25"))).isTrue(); // yearly from the file
    assertThat(calendar.isHoliday(LocalDate.parse("2026-04-03"))).isTrue(); // Good Friday 2026
    assertThat(calendar.isHoliday(LocalDate.parse("2026-11-24"))).isFalse();
  }

  @Test
  void organisationOverrideInheritsWhatItDoesNotSet() {
    SlaProperties properties = new SlaProperties();
    properties.getCalendar().setHolidays(List.of("--10-03"));
    SlaProperties.Calendar acme = new SlaProperties.Calendar();
    acme.setZone("America/New_York");
    SlaProperties.Calendar globex = new SlaProperties.Calendar();
    globex.setWorkingHours(Map.of("monday", "00:00-24:00", "saturday", "08:00-12:00"));
    globex.setHolidays(List.of("--07-04"));
    properties.setOrganisations(Map.of("org-acme", acme, "org-globex", globex));

    BusinessCalendars calendars = BusinessCalendars.from(properties);

    BusinessCalendar acmeCalendar = calendars.forOrganisation("org-acme");
    assertThat(acmeCalendar.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(acmeCalendar.yearlyHolidays()).containsExactly(MonthDay.of(10, 3));
    assertThat(acmeCalendar.hours().get(DayOfWeek.TUESDAY)).hasSize(1);

    BusinessCalendar globexCalendar = calendars.forOrganisation("org-globex");
    assertThat(globexCalendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(globexCalendar.hours().get(DayOfWeek.TUESDAY)).isEmpty();
    assertThat(globexCalendar.businessDay()).isEqualTo(Duration.ofHours(24));
    assertThat(globexCalendar.yearlyHolidays()).containsExactly(MonthDay.of(7, 4));

    assertThat(calendars.forOrganisation("org-unknown")).isSameAs(calendars.defaultCalendar());
    assertThat(calendars.forOrganisation(null)).isSameAs(calendars.defaultCalendar());
  }

  @Test
  void misconfigurationNamesTheProperty() {
    SlaProperties properties = new SlaProperties();
    SlaProperties.Calendar broken = new SlaProperties.Calendar();
    broken.setWorkingHours(Map.of("moonday", "09:00-17:00"));
    properties.setOrganisations(Map.of("org-acme", broken));

    assertThatThrownBy(() -> BusinessCalendars.from(properties))
        .hasMessageContaining("support.sla.organisations.org-acme").hasMessageContaining("moonday");
  }

  @Test
  void warningShareOutsideZeroAndOneIsRejected() {
    assertThatThrownBy(() -> new SlaProperties().setWarningShare(1.5)).hasMessageContaining("warning-share");
  }
}
