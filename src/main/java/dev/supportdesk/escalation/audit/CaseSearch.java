package dev.supportdesk.escalation.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What an auditor searches cases by. Every criterion is optional; text criteria match exactly except
 * the reference, which matches as a prefix. Dates are ISO instants or ISO dates (UTC, a "to" date
 * includes the whole day).
 */
public record CaseSearch(String reference, String organisation, State state, String priority,
    String severity, String slaOutcome, Instant startedFrom, Instant startedTo, Instant endedFrom,
    Instant endedTo, Sort sortBy, boolean ascending) {

  /** The lifecycle states of a case, as Camunda's history records them, plus two groupings. */
  public enum State {
    RUNNING, FINISHED, ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED, INTERNALLY_TERMINATED
  }

  public enum Sort { STARTED, ENDED, REFERENCE, DURATION }

  public static final List<String> PARAMETERS = List.of("reference", "organisation", "state", "priority",
      "severity", "slaOutcome", "startedFrom", "startedTo", "endedFrom", "endedTo", "sortBy", "sortOrder");

  public static CaseSearch all() {
    return of(name -> null);
  }

  /** Reads the criteria from request parameters; throws {@link IllegalArgumentException} on bad values. */
  public static CaseSearch of(Function<String, String> parameter) {
    return new CaseSearch(
        text(parameter.apply("reference")),
        text(parameter.apply("organisation")),
        enumValue(State.class, parameter.apply("state"), null),
        text(parameter.apply("priority")),
        text(parameter.apply("severity")),
        text(parameter.apply("slaOutcome")),
        from(parameter.apply("startedFrom"), "startedFrom"),
        to(parameter.apply("startedTo"), "startedTo"),
        from(parameter.apply("endedFrom"), "endedFrom"),
        to(parameter.apply("endedTo"), "endedTo"),
        enumValue(Sort.class, parameter.apply("sortBy"), Sort.STARTED),
        "asc".equalsIgnoreCase(text(parameter.apply("sortOrder"))));
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, E fallback) {
    String text = text(value);
    if (text == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '" + text
          + "'; one of " + List.of(type.getEnumConstants()));
    }
  }

  private static Instant from(String value, String name) {
    return instant(value, name, false);
  }

  private static Instant to(String value, String name) {
    return instant(value, name, true);
  }

  private static Instant instant(String value, String name, boolean endOfDay) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return endOfDay
            ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
            : day.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO date (2026-11-25) or instant (2026-11-25T10:15:30Z)");
    }
  }
}
