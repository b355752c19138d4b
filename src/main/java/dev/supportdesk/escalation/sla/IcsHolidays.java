package dev.supportdesk.escalation.sla;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Public holidays from an iCalendar file (RFC 5545), as published by governments and calendar apps:
 * all-day {@code VEVENT}s ({@code DTSTART;VALUE=DATE:20261225}, optionally {@code DTEND} for several
 * days), either once or repeating with {@code RRULE:FREQ=YEARLY} (optionally {@code COUNT} or
 * {@code UNTIL}). Timed events and other rules are skipped: a holiday is a whole day.
 */
public final class IcsHolidays {

  private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  /** Holidays on fixed dates plus ones recurring every year on the same day. */
  public record Holidays(Set<LocalDate> dates, Set<MonthDay> yearly) {}

  private IcsHolidays() {}

  public static Holidays parse(String ics) {
    Set<LocalDate> dates = new LinkedHashSet<>();
    Set<MonthDay> yearly = new LinkedHashSet<>();
    Map<String, String> event = null;
    for (String line : unfold(ics)) {
      if (line.equalsIgnoreCase("BEGIN:VEVENT")) {
        event = new HashMap<>();
      } else if (line.equalsIgnoreCase("END:VEVENT")) {
        if (event != null) {
          addEvent(event, dates, yearly);
        }
        event = null;
      } else if (event != null) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String nameAndParams = line.substring(0, colon).toUpperCase(java.util.Locale.ROOT);
          String name = nameAndParams.split(";")[0];
          event.put(name, line.substring(colon + 1).trim());
          event.put(name + ";PARAMS", nameAndParams);
        }
      }
    }
    return new Holidays(Set.copyOf(dates), Set.copyOf(yearly));
  }

  private static void addEvent(Map<String, String> event, Set<LocalDate> dates, Set<MonthDay> yearly) {
    if ("CANCELLED".equalsIgnoreCase(event.get("STATUS"))) {
      return;
    }
    LocalDate start = allDay(event.get("DTSTART"), event.get("DTSTART;PARAMS"));
    if (start == null) {
      return;
    }
    LocalDate end = allDay(event.get("DTEND"), event.get("DTEND;PARAMS"));
    // DTEND of an all-day event is exclusive; without it the event lasts one day
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = start; day.equals(start) || (end != null && day.isBefore(end)); day = day.plusDays(1)) {
      days.add(day);
    }
    String rule = event.get("RRULE");
    if (rule == null) {
      dates.addAll(days);
      return;
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : rule.toUpperCase(java.util.Locale.ROOT).split(";")) {
      String[] pair = part.split("=", 2);
      if (pair.length == 2) {
        parts.put(pair[0], pair[1]);
      }
    }
    if (!"YEARLY".equals(parts.get("FREQ"))
        || parts.keySet().stream().anyMatch(key -> key.startsWith("BY") && !key.equals("BYMONTH") && !key.equals("BYMONTHDAY"))) {
      // FREQ=YEARLY;BYDAY=... (a weekday rule such as Thanksgiving) is beyond this reader: list those dates
      return;
    }
    if (parts.containsKey("COUNT") || parts.containsKey("UNTIL") || !"1".equals(parts.getOrDefault("INTERVAL", "1"))) {
      int count = parts.containsKey("COUNT") ? Integer.parseInt(parts.get("COUNT")) : Integer.MAX_VALUE;
      LocalDate until = parts.containsKey("UNTIL") ? LocalDate.parse(parts.get("UNTIL").substring(0, 8), BASIC_DATE)
          : start.plusYears(100);
      int interval = Integer.parseInt(parts.getOrDefault("INTERVAL", "1"));
      for (int n = 0; n < count; n++) {
        LocalDate first = start.plusYears((long) n * interval);
        if (first.isAfter(until)) {
          break;
        }
        for (LocalDate day : days) {
          dates.add(day.plusYears((long) n * interval));
        }
      }
      return;
    }
    for (LocalDate day : days) {
      yearly.add(MonthDay.from(day));
    }
  }

  /** The date of an all-day value ({@code 20261225}); {@code null} for a date-time (a timed event). */
  private static LocalDate allDay(String value, String params) {
    if (value == null) {
      return null;
    }
    boolean declaredDate = params != null && params.contains("VALUE=DATE") && !params.contains("VALUE=DATE-TIME");
    if (!declaredDate && value.length() != 8) {
      return null;
    }
    try {
      return LocalDate.parse(value.substring(0, 8), BASIC_DATE);
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("Not an iCalendar date: " + value, e);
    }
  }

  /** Joins folded lines (a continuation starts with a space or tab) and drops blank ones. */
  static List<String> unfold(String ics) {
    List<String> lines = new ArrayList<>();
    for (String raw : ics.split("\r?\n")) {
      if ((raw.startsWith(" ") || raw.startsWith("\t")) && !lines.isEmpty()) {
        int last = lines.size() - 1;
        lines.set(last, lines.get(last) + raw.substring(1));
      } else if (!raw.isBlank()) {
        lines.add(raw.trim());
      }
    }
    return lines;
  }
}
