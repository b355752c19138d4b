package dev.supportdesk.escalation.sla;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.sla.*} in application.yaml: the support organisation's calendar, optional calendars
 * per customer organisation (keyed by the organisation's group id), the warning share and whether a
 * breach raises the priority. Targets themselves are in processes/SlaTargets.dmn.
 */
@ConfigurationProperties("support.sla")
public class SlaProperties {

  /** Share of a target after which the responsible tier's lead is warned. */
  private double warningShare = 0.75;

  /** Whether a breach raises the case's priority one step (P3 → P2 … P1 → P0). */
  private boolean raisePriorityOnBreach = true;

  /** The support organisation's calendar. */
  private Calendar calendar = Calendar.defaults();

  /** Calendars of customer organisations whose contract counts other hours; unset fields inherit. */
  private Map<String, Calendar> organisations = new LinkedHashMap<>();

  public double getWarningShare() {
    return warningShare;
  }

  public void setWarningShare(double warningShare) {
    if (!(warningShare > 0 && warningShare < 1)) {
      throw new IllegalArgumentException("support.sla.warning-share must be between 0 and 1 (exclusive): " + warningShare);
    }
    this.warningShare = warningShare;
  }

  public boolean isRaisePriorityOnBreach() {
    return raisePriorityOnBreach;
  }

  public void setRaisePriorityOnBreach(boolean raisePriorityOnBreach) {
    this.raisePriorityOnBreach = raisePriorityOnBreach;
  }

  public Calendar getCalendar() {
    return calendar;
  }

  public void setCalendar(Calendar calendar) {
    this.calendar = calendar;
  }

  public Map<String, Calendar> getOrganisations() {
    return organisations;
  }

  public void setOrganisations(Map<String, Calendar> organisations) {
    this.organisations = organisations;
  }

  /** One calendar's settings; every field may be left out of an organisation's override. */
  public static class Calendar {

    /** IANA time zone of the working hours, e.g. Europe/Berlin. */
    private String zone;

    /**
     * Working hours per weekday ({@code monday: "09:00-17:00"}, several ranges separated by commas,
     * {@code 00:00-24:00} for the whole day); a weekday left out is not worked. An override that
     * names any weekday replaces the whole week.
     */
    private Map<String, String> workingHours;

    /** Length of "one day" in a target (P1D); default the longest configured working day. */
    private Duration businessDay;

    /**
     * Holidays: dates ({@code 2026-04-03}) or yearly ones ({@code --12-25}). An override that sets
     * holidays or a holiday file replaces the inherited holidays.
     */
    private List<String> holidays;

    /** An iCalendar file of holidays (classpath: or file: location), added to {@link #holidays}. */
    private String holidaysIcs;

    static Calendar defaults() {
      Calendar calendar = new Calendar();
      // working hours stay unset here: Spring merges configured map entries into a pre-filled map, so a
      // configured four-day week would keep a default Friday; BusinessCalendars fills in Mon–Fri 09–17
      calendar.zone = "Europe/Berlin";
      return calendar;
    }

    public String getZone() {
      return zone;
    }

    public void setZone(String zone) {
      this.zone = zone;
    }

    public Map<String, String> getWorkingHours() {
      return workingHours;
    }

    public void setWorkingHours(Map<String, String> workingHours) {
      this.workingHours = workingHours;
    }

    public Duration getBusinessDay() {
      return businessDay;
    }

    public void setBusinessDay(Duration businessDay) {
      this.businessDay = businessDay;
    }

    public List<String> getHolidays() {
      return holidays;
    }

    public void setHolidays(List<String> holidays) {
      this.holidays = holidays;
    }

    public String getHolidaysIcs() {
      return holidaysIcs;
    }

    public void setHolidaysIcs(String holidaysIcs) {
      this.holidaysIcs = holidaysIcs;
    }
  }
}
