package dev.supportdesk.escalation.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One case's clock for one {@link SlaTarget}, and the arithmetic of its due dates: immutable, every
 * change returns a new record. Due dates are always the calendar's answer to "when will target plus
 * paused business time have passed since the start", so pausing, resuming and retargeting never
 * drift, however often they happen.
 *
 * @param targetBusiness the target in business time of the case's calendar
 * @param pausedWall finished pauses in wall-clock time (how long the customer was waited on)
 * @param pausedBusiness finished pauses in business time (what moved the due date)
 * @param elapsedBusiness business time the clock ran: stored when the target is met, else live
 */
public record SlaClockRecord(String id, String caseReference, SlaTarget target, String priority, String severity,
    String organisationId, String targetDuration, Duration targetBusiness, String responsibleTier, State state,
    Instant startedAt, Instant pausedSince, String pauseReason, Duration pausedWall, Duration pausedBusiness,
    Instant warningDue, Instant due, Instant warnedAt, Instant breachedAt, Instant metAt, Duration elapsedBusiness) {

  public enum State {
    RUNNING, PAUSED, MET, BREACHED,
    /** The target no longer applies: the case was reclassified into one without it. */
    WITHDRAWN
  }

  /** A new running clock with its due dates. */
  public static SlaClockRecord start(String id, String caseReference, SlaTarget target, String priority,
      String severity, String organisationId, String targetDuration, BusinessCalendar calendar, String tier,
      Instant now, double warningShare) {
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId, targetDuration,
        calendar.businessDuration(targetDuration), tier, State.RUNNING, now, null, null, Duration.ZERO,
        Duration.ZERO, null, null, null, null, null, null).scheduled(calendar, warningShare);
  }

  /** Still measuring: neither met nor withdrawn (a breached clock runs on until the target is met). */
  public boolean isOpen() {
    return metAt == null && state != State.WITHDRAWN;
  }

  public boolean isPaused() {
    return pausedSince != null;
  }

  /** Due dates from the calendar; none while paused or stopped. */
  public SlaClockRecord scheduled(BusinessCalendar calendar, double warningShare) {
    if (!isOpen() || isPaused()) {
      return with(null, null);
    }
    Duration warningAfter = Duration.ofSeconds(Math.round(targetBusiness.getSeconds() * warningShare));
    Instant newDue = calendar.plus(startedAt, targetBusiness.plus(pausedBusiness));
    Instant newWarningDue = calendar.plus(startedAt, warningAfter.plus(pausedBusiness));
    return with(newWarningDue, newDue);
  }

  /** Stops the clock until {@link #resume}: the case waits on the customer or an outside party. */
  public SlaClockRecord pause(Instant now, String reason) {
    if (!isOpen() || isPaused()) {
      return this;
    }
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId,
        targetDuration, targetBusiness, responsibleTier, state == State.RUNNING ? State.PAUSED : state, startedAt,
        now, reason, pausedWall, pausedBusiness, null, null, warnedAt, breachedAt, metAt, elapsedBusiness);
  }

  /** Runs the clock again; the pause's business time moves both due dates out. */
  public SlaClockRecord resume(BusinessCalendar calendar, Instant now, double warningShare) {
    if (!isPaused()) {
      return this;
    }
    Instant end = now.isBefore(pausedSince) ? pausedSince : now;
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId, targetDuration,
        targetBusiness, responsibleTier, state == State.PAUSED ? State.RUNNING : state, startedAt, null, null,
        pausedWall.plus(Duration.between(pausedSince, end)),
        pausedBusiness.plus(calendar.between(pausedSince, end)), null, null, warnedAt, breachedAt, metAt,
        elapsedBusiness).scheduled(calendar, warningShare);
  }

  /** The target was reached; a breached clock stays BREACHED (the record says when it was met anyway). */
  public SlaClockRecord met(BusinessCalendar calendar, Instant now, double warningShare) {
    if (!isOpen()) {
      return this;
    }
    SlaClockRecord running = resume(calendar, now, warningShare);
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId, targetDuration,
        targetBusiness, responsibleTier, running.state == State.BREACHED ? State.BREACHED : State.MET, startedAt,
        null, null, running.pausedWall, running.pausedBusiness, null, null, warnedAt, breachedAt, now,
        running.elapsedAt(calendar, now));
  }

  public SlaClockRecord breached(Instant now) {
    if (breachedAt != null) {
      return this;
    }
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId, targetDuration,
        targetBusiness, responsibleTier, isOpen() ? State.BREACHED : state, startedAt, pausedSince, pauseReason,
        pausedWall, pausedBusiness, warningDue, due, warnedAt, now, metAt, elapsedBusiness);
  }

  public SlaClockRecord warned(Instant now) {
    return warnedAt != null ? this : new SlaClockRecord(id, caseReference, target, priority, severity,
        organisationId, targetDuration, targetBusiness, responsibleTier, state, startedAt, pausedSince, pauseReason,
        pausedWall, pausedBusiness, warningDue, due, now, breachedAt, metAt, elapsedBusiness);
  }

  /** A new target after the case was reclassified, counted from the same start and pauses. */
  public SlaClockRecord retargeted(String newTargetDuration, String newPriority, String newSeverity,
      BusinessCalendar calendar, double warningShare) {
    return new SlaClockRecord(id, caseReference, target, newPriority, newSeverity, organisationId,
        newTargetDuration, calendar.businessDuration(newTargetDuration), responsibleTier, state, startedAt,
        pausedSince, pauseReason, pausedWall, pausedBusiness, warningDue, due, warnedAt, breachedAt, metAt,
        elapsedBusiness).scheduled(calendar, warningShare);
  }

  public SlaClockRecord withdrawn(BusinessCalendar calendar, Instant now, double warningShare) {
    if (!isOpen()) {
      return this;
    }
    SlaClockRecord running = resume(calendar, now, warningShare);
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId, targetDuration,
        targetBusiness, responsibleTier, State.WITHDRAWN, startedAt, null, null, running.pausedWall,
        running.pausedBusiness, null, null, warnedAt, breachedAt, null, running.elapsedAt(calendar, now));
  }

  public SlaClockRecord handedOver(String tier) {
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId, targetDuration,
        targetBusiness, tier, state, startedAt, pausedSince, pauseReason, pausedWall, pausedBusiness, warningDue,
        due, warnedAt, breachedAt, metAt, elapsedBusiness);
  }

  public SlaClockRecord withPriority(String newPriority) {
    return new SlaClockRecord(id, caseReference, target, newPriority, severity, organisationId, targetDuration,
        targetBusiness, responsibleTier, state, startedAt, pausedSince, pauseReason, pausedWall, pausedBusiness,
        warningDue, due, warnedAt, breachedAt, metAt, elapsedBusiness);
  }

  /** Business time the clock has run until {@code now} (or until it was met), pauses excluded. */
  public Duration elapsedAt(BusinessCalendar calendar, Instant now) {
    if (elapsedBusiness != null && !isOpen()) {
      return elapsedBusiness;
    }
    Duration paused = pausedBusiness.plus(isPaused() ? calendar.between(pausedSince, now) : Duration.ZERO);
    Duration elapsed = calendar.between(startedAt, now).minus(paused);
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }

  /** Paused wall-clock time until {@code now}, the running pause included. */
  public Duration pausedWallAt(Instant now) {
    return isPaused() && now.isAfter(pausedSince) ? pausedWall.plus(Duration.between(pausedSince, now)) : pausedWall;
  }

  /** Paused business time until {@code now}, the running pause included. */
  public Duration pausedBusinessAt(BusinessCalendar calendar, Instant now) {
    return isPaused() ? pausedBusiness.plus(calendar.between(pausedSince, now)) : pausedBusiness;
  }

  private SlaClockRecord with(Instant newWarningDue, Instant newDue) {
    return new SlaClockRecord(id, caseReference, target, priority, severity, organisationId, targetDuration,
        targetBusiness, responsibleTier, state, startedAt, pausedSince, pauseReason, pausedWall, pausedBusiness,
        newWarningDue, newDue, warnedAt, breachedAt, metAt, elapsedBusiness);
  }
}
