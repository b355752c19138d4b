package dev.supportdesk.escalation.casefile;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Waiting periods of a case that the support organisation tunes without touching a diagram. Timers
 * read them as ISO-8601 durations, e.g. {@code <bpmn:timeDuration>${caseSettings.autoCloseAfter}</bpmn:timeDuration>};
 * a bad value stops the application at start rather than a timer at run time.
 */
@Component("caseSettings")
public class CaseSettings {

  private final Duration autoCloseAfter;
  private final Duration informationReminderAfter;
  private final Duration informationTimeout;

  @Autowired
  public CaseSettings(
      @Value("${support.case.auto-close-after:P7D}") String autoCloseAfter,
      @Value("${support.case.information-reminder-after:P3D}") String informationReminderAfter,
      @Value("${support.case.information-timeout:P14D}") String informationTimeout) {
    this(parse("support.case.auto-close-after", autoCloseAfter),
        parse("support.case.information-reminder-after", informationReminderAfter),
        parse("support.case.information-timeout", informationTimeout));
  }

  public CaseSettings(Duration autoCloseAfter, Duration informationReminderAfter, Duration informationTimeout) {
    this.autoCloseAfter = positive("support.case.auto-close-after", autoCloseAfter);
    this.informationReminderAfter = positive("support.case.information-reminder-after", informationReminderAfter);
    this.informationTimeout = positive("support.case.information-timeout", informationTimeout);
    if (informationReminderAfter.compareTo(informationTimeout) >= 0) {
      throw new IllegalArgumentException("support.case.information-reminder-after (" + informationReminderAfter
          + ") must be shorter than support.case.information-timeout (" + informationTimeout + ")");
    }
  }

  /** How long a proposed resolution waits for the customer's answer before the case closes. */
  public String getAutoCloseAfter() {
    return autoCloseAfter.toString();
  }

  /** When the customer is reminded of an open request for information. */
  public String getInformationReminderAfter() {
    return informationReminderAfter.toString();
  }

  /** When a case whose customer never answered a request for information closes. */
  public String getInformationTimeout() {
    return informationTimeout.toString();
  }

  private static Duration parse(String property, String value) {
    try {
      return Duration.parse(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(property + " must be an ISO-8601 duration in days, hours or minutes"
          + " (e.g. P7D, PT12H), not '" + value + "'", e);
    }
  }

  private static Duration positive(String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
    }
    return value;
  }
}
