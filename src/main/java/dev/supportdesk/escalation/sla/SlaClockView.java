package dev.supportdesk.escalation.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One target of a case as the customer API and auditors read it: what was promised, by when, and how
 * much business time has run and been paused (live while the clock is open).
 */
public record SlaClockView(String caseReference, SlaTarget target, int round, String targetDuration, String priority,
    String severity, String responsibleTier, SlaClockRecord.State state, Instant startedAt, Instant warningDue,
    Instant due, Instant warnedAt, Instant breachedAt, Instant metAt, Instant pausedSince, String pauseReason,
    Duration elapsedBusinessTime, Duration pausedTime, Duration pausedBusinessTime) {

  /** {@code round}: 1 for a target's first clock, 2 for the resolution clock after the first reopen, ... */
  static SlaClockView of(SlaClockRecord clock, int round, BusinessCalendar calendar, Instant now) {
    return new SlaClockView(clock.caseReference(), clock.target(), round, clock.targetDuration(), clock.priority(),
        clock.severity(), clock.responsibleTier(), clock.state(), clock.startedAt(), clock.warningDue(), clock.due(),
        clock.warnedAt(), clock.breachedAt(), clock.metAt(), clock.pausedSince(), clock.pauseReason(),
        clock.elapsedAt(calendar, now), clock.pausedWallAt(now), clock.pausedBusinessAt(calendar, now));
  }

  /** Met within the target (false while open or after a breach). */
  public boolean metInTime() {
    return state == SlaClockRecord.State.MET;
  }
}
