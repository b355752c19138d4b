package dev.supportdesk.escalation.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Business time: working hours per weekday in one time zone, minus public holidays. Camunda 7 counts
 * timers in wall-clock time; SLA targets count only this calendar's working time, so every SLA due
 * date is computed here.
 *
 * <p>Working hours are local times of {@link #zone()}: a day that switches to or from daylight-saving
 * time keeps its 09:00–17:00, and a round-the-clock calendar ({@code 00:00-24:00}) has a 23- or
 * 25-hour day then. A "day" of a target ({@code P1D}) is {@link #businessDay()}: the working time of
 * one full working day, so "one business day" from Tuesday 11:00 is Wednesday 11:00.
 *
 * <p>Immutable and thread-safe.
 */
public final class BusinessCalendar {

  /** How far {@link #plus} looks ahead for working time before it gives up (a calendar with no hours). */
  private static final int MAX_DAYS_SEARCHED = 3660;

  private final ZoneId zone;
  private final Map<DayOfWeek, List<WorkingPeriod>> hours;
  private final Set<LocalDate> holidays;
  private final Set<MonthDay> yearlyHolidays;
  private final Duration businessDay;

  /** One stretch of working time in a day; {@code end} {@link LocalTime#MAX} stands for 24:00. */
  public record WorkingPeriod(LocalTime start, LocalTime end) {
    public WorkingPeriod {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("Working period must end after it starts: " + start + "-" + end);
      }
    }

    /**
     * Parses {@code 09:00-17:00}, several separated by commas ({@code 08:00-12:00,13:00-17:00}),
     * {@code 00:00-24:00} for a whole day; blank or {@code closed} for none.
     */
    public static List<WorkingPeriod> parseAll(String text) {
      List<WorkingPeriod> periods = new ArrayList<>();
      if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("closed")) {
        return periods;
      }
      for (String part : text.split(",")) {
        String[] bounds = part.trim().split("-");
        if (bounds.length != 2) {
          throw new IllegalArgumentException("Working hours must look like 09:00-17:00, not '" + part.trim() + "'");
        }
        try {
          LocalTime start = LocalTime.parse(bounds[0].trim());
          String endText = bounds[1].trim();
          LocalTime end = endText.equals("24:00") ? LocalTime.MAX : LocalTime.parse(endText);
          periods.add(new WorkingPeriod(start, end));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("Working hours must look like 09:00-17:00, not '" + part.trim() + "'", e);
        }
      }
      periods.sort(Comparator.comparing(WorkingPeriod::start));
      for (int i = 1; i < periods.size(); i++) {
        if (periods.get(i).start().isBefore(periods.get(i - 1).end())) {
          throw new IllegalArgumentException("Working hours overlap: " + text);
        }
      }
      return List.copyOf(periods);
    }

    Instant startOn(LocalDate date, ZoneId zone) {
      return ZonedDateTime.of(date, start, zone).toInstant();
    }

    Instant endOn(LocalDate date, ZoneId zone) {
      return end.equals(LocalTime.MAX)
          ? date.plusDays(1).atStartOfDay(zone).toInstant()
          : ZonedDateTime.of(date, end, zone).toInstant();
    }

    /** Nominal length (as on a day without a clock change). */
    Duration nominalLength() {
      Duration length = Duration.between(start, end);
      return end.equals(LocalTime.MAX) ? length.plusNanos(1) : length;
    }
  }

  /**
   * @param businessDay length of one business day in targets; {@code null} for the longest configured
   *     working day (8 hours for 09:00–17:00)
   */
  public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<WorkingPeriod>> hours, Set<LocalDate> holidays,
      Set<MonthDay> yearlyHolidays, Duration businessDay) {
    this.zone = Objects.requireNonNull(zone, "zone");
    EnumMap<DayOfWeek, List<WorkingPeriod>> copy = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      copy.put(day, List.copyOf(hours.getOrDefault(day, List.of())));
    }
    this.hours = copy;
    this.holidays = Set.copyOf(holidays);
    this.yearlyHolidays = Set.copyOf(yearlyHolidays);
    Duration longest = copy.values().stream()
        .map(periods -> periods.stream().map(WorkingPeriod::nominalLength).reduce(Duration.ZERO, Duration::plus))
        .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    if (longest.isZero()) {
      throw new IllegalArgumentException("A business calendar needs working hours on at least one weekday");
    }
    this.businessDay = businessDay == null ? longest : businessDay;
    if (this.businessDay.isNegative() || this.businessDay.isZero()) {
      throw new IllegalArgumentException("A business day must be longer than zero: " + businessDay);
    }
  }

  public ZoneId zone() {
    return zone;
  }

  public Duration businessDay() {
    return businessDay;
  }

  public Set<LocalDate> holidays() {
    return holidays;
  }

  public Set<MonthDay> yearlyHolidays() {
    return yearlyHolidays;
  }

  public Map<DayOfWeek, List<WorkingPeriod>> hours() {
    return hours;
  }

  public boolean isHoliday(LocalDate date) {
    return holidays.contains(date) || yearlyHolidays.contains(MonthDay.from(date));
  }

  /** The working periods of a date: none on holidays. */
  public List<WorkingPeriod> periodsOn(LocalDate date) {
    return isHoliday(date) ? List.of() : hours.get(date.getDayOfWeek());
  }

  /**
   * The instant at which {@code businessDuration} of working time has passed since {@code start}. A
   * target that uses up a working period exactly ends at that period's end (17:00), not at the next
   * morning's opening. Zero returns {@code start} unchanged.
   */
  public Instant plus(Instant start, Duration businessDuration) {
    if (businessDuration.isNegative()) {
      throw new IllegalArgumentException("Business duration must not be negative: " + businessDuration);
    }
    if (businessDuration.isZero()) {
      return start;
    }
    Duration remaining = businessDuration;
    LocalDate date = start.atZone(zone).toLocalDate();
    for (int day = 0; day < MAX_DAYS_SEARCHED; day++, date = date.plusDays(1)) {
      for (WorkingPeriod period : periodsOn(date)) {
        Instant from = max(period.startOn(date, zone), start);
        Instant to = period.endOn(date, zone);
        if (!from.isBefore(to)) {
          continue;
        }
        Duration available = Duration.between(from, to);
        if (available.compareTo(remaining) >= 0) {
          return from.plus(remaining);
        }
        remaining = remaining.minus(available);
      }
    }
    throw new IllegalStateException("No working time within " + MAX_DAYS_SEARCHED + " days of " + start);
  }

  /** Working time between two instants; zero if {@code to} is not after {@code from}. */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
      for (WorkingPeriod period : periodsOn(date)) {
        Instant start = max(period.startOn(date, zone), from);
        Instant end = min(period.endOn(date, zone), to);
        if (start.isBefore(end)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  /**
   * Reads a target such as {@code P1D}, {@code PT4H} or {@code P2DT4H} as business time: days count
   * {@link #businessDay()} each, hours and minutes count as they are. Weeks, months and years are
   * rejected: their length in business time is a matter of opinion.
   */
  public Duration businessDuration(String iso) {
    return businessDuration(iso, businessDay);
  }

  static Duration businessDuration(String iso, Duration businessDay) {
    if (iso == null || iso.isBlank()) {
      throw new IllegalArgumentException("A target duration is required");
    }
    String text = iso.trim().toUpperCase(java.util.Locale.ROOT);
    int timeAt = text.indexOf('T');
    String datePart = timeAt < 0 ? text : text.substring(0, timeAt);
    if (!datePart.startsWith("P")) {
      throw new IllegalArgumentException("Not an ISO-8601 duration: " + iso);
    }
    long days = 0;
    String dayText = datePart.substring(1);
    if (!dayText.isEmpty()) {
      if (!dayText.matches("\\d+D")) {
        throw new IllegalArgumentException(
            "SLA targets count business days, hours and minutes only (P1D, PT4H, P2DT4H), not '" + iso + "'");
      }
      days = Long.parseLong(dayText.substring(0, dayText.length() - 1));
    }
    Duration time = Duration.ZERO;
    if (timeAt >= 0) {
      try {
        time = Duration.parse("PT" + text.substring(timeAt + 1));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("Not an ISO-8601 duration: " + iso, e);
      }
    }
    Duration total = businessDay.multipliedBy(days).plus(time);
    if (total.isNegative() || total.isZero()) {
      throw new IllegalArgumentException("An SLA target must be longer than zero: " + iso);
    }
    return total;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
