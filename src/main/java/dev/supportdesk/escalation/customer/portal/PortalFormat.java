package dev.supportdesk.escalation.customer.portal;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/** How the Support Center writes what the engine keeps as ISO values ({@code ${@portalFormat...}}). */
@Component("portalFormat")
public class PortalFormat {

  /** "PT4H" → "4 working hours", "P4D" → "4 working days" (SLA targets count business time), else as stored. */
  public String duration(String iso) {
    if (iso == null) {
      return "";
    }
    try {
      if (iso.startsWith("PT")) {
        Duration duration = Duration.parse(iso);
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        return hours > 0 && minutes == 0 ? plural(hours, "working hour") : plural(duration.toMinutes(), "working minute");
      }
      Period period = Period.parse(iso);
      return period.getMonths() == 0 && period.getYears() == 0 ? plural(period.getDays(), "working day") : iso;
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
