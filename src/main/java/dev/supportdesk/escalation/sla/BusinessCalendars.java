package dev.supportdesk.escalation.sla;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The calendar an SLA counts in: a customer organisation's own one where configured, else the support
 * organisation's. Built once from {@link SlaProperties}; a configuration error fails the start.
 */
public class BusinessCalendars {

  /** Monday to Friday, 09:00–17:00: when no working hours are configured at all. */
  static final Map<String, String> DEFAULT_WORKING_HOURS = Map.of("monday", "09:00-17:00",
      "tuesday", "09:00-17:00", "wednesday", "09:00-17:00", "thursday", "09:00-17:00", "friday", "09:00-17:00");

  private final BusinessCalendar defaultCalendar;
  private final Map<String, BusinessCalendar> byOrganisation;

  public BusinessCalendars(BusinessCalendar defaultCalendar, Map<String, BusinessCalendar> byOrganisation) {
    this.defaultCalendar = defaultCalendar;
    this.byOrganisation = Map.copyOf(byOrganisation);
  }

  public static BusinessCalendars from(SlaProperties properties) {
    DefaultResourceLoader loader = new DefaultResourceLoader();
    return from(properties, location -> read(loader.getResource(location), location));
  }

  /** @param files reads a holiday file's text by its configured location */
  static BusinessCalendars from(SlaProperties properties, Function<String, String> files) {
    SlaProperties.Calendar base = properties.getCalendar();
    BusinessCalendar fallback = build("support.sla.calendar", base, null, files);
    Map<String, BusinessCalendar> overrides = new LinkedHashMap<>();
    properties.getOrganisations().forEach((organisation, override) ->
        overrides.put(organisation, build("support.sla.organisations." + organisation, override, base, files)));
    return new BusinessCalendars(fallback, overrides);
  }

  /** The calendar of a customer organisation (its group id); the default one for {@code null} or unknown. */
  public BusinessCalendar forOrganisation(String organisationId) {
    return organisationId == null ? defaultCalendar : byOrganisation.getOrDefault(organisationId, defaultCalendar);
  }

  public BusinessCalendar defaultCalendar() {
    return defaultCalendar;
  }

  private static BusinessCalendar build(String prefix, SlaProperties.Calendar own, SlaProperties.Calendar inherited,
      Function<String, String> files) {
    try {
      String zone = own.getZone() != null ? own.getZone() : inherited == null ? null : inherited.getZone();
      Map<String, String> hours = own.getWorkingHours() != null ? own.getWorkingHours()
          : inherited == null ? null : inherited.getWorkingHours();
      boolean ownHolidays = own.getHolidays() != null || own.getHolidaysIcs() != null;
      SlaProperties.Calendar holidaySource = ownHolidays || inherited == null ? own : inherited;
      java.time.Duration businessDay = own.getBusinessDay() != null ? own.getBusinessDay()
          : inherited == null ? null : inherited.getBusinessDay();

      Map<DayOfWeek, List<BusinessCalendar.WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
      if (hours == null) {
        hours = DEFAULT_WORKING_HOURS;
      }
      hours.forEach((day, periods) -> week.put(dayOfWeek(day), BusinessCalendar.WorkingPeriod.parseAll(periods)));
      Set<LocalDate> dates = new HashSet<>();
      Set<MonthDay> yearly = new HashSet<>();
      if (holidaySource.getHolidays() != null) {
        for (String holiday : holidaySource.getHolidays()) {
          addHoliday(holiday.trim(), dates, yearly);
        }
      }
      if (holidaySource.getHolidaysIcs() != null && !holidaySource.getHolidaysIcs().isBlank()) {
        IcsHolidays.Holidays fromFile = IcsHolidays.parse(files.apply(holidaySource.getHolidaysIcs().trim()));
        dates.addAll(fromFile.dates());
        yearly.addAll(fromFile.yearly());
      }
      return new BusinessCalendar(ZoneId.of(zone == null ? "UTC" : zone), week, dates, yearly, businessDay);
    } catch (RuntimeException e) {
      throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
    }
  }

  private static DayOfWeek dayOfWeek(String name) {
    try {
      return DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("working-hours: '" + name + "' is not a weekday (monday … sunday)", e);
    }
  }

  private static void addHoliday(String text, Set<LocalDate> dates, Set<MonthDay> yearly) {
    try {
      if (text.startsWith("--")) {
        yearly.add(MonthDay.parse(text));
      } else {
        dates.add(LocalDate.parse(text));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("holidays: '" + text + "' is neither a date (2026-04-03) nor a yearly day (--12-25)", e);
    }
  }

  private static String read(Resource resource, String location) {
    try {
      return resource.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read holiday file " + location, e);
    }
  }
}
