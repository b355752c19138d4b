package dev.supportdesk.escalation.sla;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA clocks of a case, bean {@code slaClock}. The case's diagrams call it from execution
 * listeners ({@code ${slaClock.start(execution)}}, {@code ${slaClock.pause(execution,
 * 'WAITING_FOR_CUSTOMER')}}, {@code ${slaClock.resume(execution)}}, ...); the clock itself runs as
 * processes/SlaClockProcess.bpmn, one instance per case with the case reference as business key,
 * whose timers take their dates from {@link #warningDue} and {@link #breachDue}.
 *
 * <p>Camunda has no business calendar and cannot pause a timer: due dates come from the case's
 * {@link BusinessCalendar}; a pause suspends the clock's timer jobs, a resume or a new target moves
 * them with {@link ManagementService#setJobDuedate} and activates them again. The time is the engine's
 * ({@link ClockUtil}), so process tests drive it.
 */
@Transactional
public class SlaClock {

  private static final Logger LOG = LoggerFactory.getLogger(SlaClock.class);

  /** Tier group ids a clock can be handed to, with the leads who are warned. */
  static final Map<String, String> LEADS_OF_TIER = Map.of(Groups.TIER1, Groups.TIER1_LEADS,
      Groups.TIER2, Groups.TIER2_LEADS, Groups.ENGINEERING, Groups.ENGINEERING_LEADS);

  /** Priorities from most to least urgent; a breach moves one step to the left. */
  static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3");

  private final SlaClockRepository clocks;
  private final SlaTargets targets;
  private final BusinessCalendars calendars;
  private final SlaProperties properties;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final Supplier<Instant> time;

  public SlaClock(SlaClockRepository clocks, SlaTargets targets, BusinessCalendars calendars,
      SlaProperties properties, RuntimeService runtime, ManagementService management) {
    this(clocks, targets, calendars, properties, runtime, management, () -> ClockUtil.getCurrentTime().toInstant());
  }

  SlaClock(SlaClockRepository clocks, SlaTargets targets, BusinessCalendars calendars, SlaProperties properties,
      RuntimeService runtime, ManagementService management, Supplier<Instant> time) {
    this.clocks = clocks;
    this.targets = targets;
    this.calendars = calendars;
    this.properties = properties;
    this.runtime = runtime;
    this.management = management;
    this.time = time;
  }

  // ---------------------------------------------------------------- called by the case's diagrams

  /** Starts the case's clocks: reads priority, severity and organisationId; the business key is the case. */
  public void start(DelegateExecution execution) {
    start(caseReference(execution), text(execution.getVariable(SlaVariables.PRIORITY)),
        text(execution.getVariable(SlaVariables.SEVERITY)), text(execution.getVariable(SlaVariables.ORGANISATION_ID)));
  }

  /** Stops the clocks while the case waits on the customer or an outside party ({@code reason} is recorded). */
  public void pause(DelegateExecution execution, String reason) {
    pause(caseReference(execution), reason);
  }

  public void resume(DelegateExecution execution) {
    resume(caseReference(execution));
  }

  /** The customer got support's first answer. */
  public void firstResponse(DelegateExecution execution) {
    met(caseReference(execution), SlaTarget.FIRST_RESPONSE);
  }

  /** The case is resolved: every clock stops (a resolution is also a response) and the clock process ends. */
  public void resolved(DelegateExecution execution) {
    met(caseReference(execution), SlaTarget.RESOLUTION);
  }

  /** The case moved to another tier ({@code tier1}, {@code tier2}, {@code engineering}): its leads are warned from now on. */
  public void handOver(DelegateExecution execution, String tier) {
    handOver(caseReference(execution), tier);
  }

  /** The case's priority or severity changed: targets decided again, due dates and timers moved. */
  public void recompute(DelegateExecution execution) {
    recompute(caseReference(execution), text(execution.getVariable(SlaVariables.PRIORITY)),
        text(execution.getVariable(SlaVariables.SEVERITY)));
  }

  /**
   * For a user task's {@code camunda:dueDate}: the nearest due date of the case's running clocks;
   * {@code null} (no due date) while they are paused or all met.
   */
  public Date dueDate(DelegateExecution execution) {
    return clocks.forCase(caseReference(execution)).stream()
        .filter(SlaClockRecord::isOpen).map(SlaClockRecord::due).filter(Objects::nonNull)
        .min(Comparator.naturalOrder()).map(Date::from).orElse(null);
  }

  // ---------------------------------------------------------------- called by SlaClockProcess

  public boolean hasTarget(DelegateExecution execution, String target) {
    return clocks.find(caseReference(execution), SlaTarget.valueOf(target)).filter(SlaClockRecord::isOpen).isPresent();
  }

  /** Date of the warning timer: the share {@code support.sla.warning-share} of the target. */
  public Date warningDue(DelegateExecution execution, String target) {
    return Date.from(schedule(clock(caseReference(execution), SlaTarget.valueOf(target))).warningDue());
  }

  public Date breachDue(DelegateExecution execution, String target) {
    return Date.from(schedule(clock(caseReference(execution), SlaTarget.valueOf(target))).due());
  }

  /** Candidate group of the warning and breach tasks: the leads of the tier now responsible. */
  public String leadGroup(DelegateExecution execution) {
    List<SlaClockRecord> all = clocks.forCase(caseReference(execution));
    String tier = all.stream().filter(SlaClockRecord::isOpen).map(SlaClockRecord::responsibleTier).findFirst()
        .orElseGet(() -> all.stream().map(SlaClockRecord::responsibleTier).findFirst().orElse(Groups.TIER1));
    return LEADS_OF_TIER.getOrDefault(tier, Groups.TIER1_LEADS);
  }

  public void warned(DelegateExecution execution, String target) {
    String caseReference = caseReference(execution);
    Instant now = now();
    clocks.find(caseReference, SlaTarget.valueOf(target)).ifPresent(clock -> clocks.update(clock.warned(now), now));
  }

  /**
   * Records the breach and, if {@code support.sla.raise-priority-on-breach}, raises the case's
   * priority one step (on the case process and this clock process). The targets stay as they were:
   * the raise is an escalation, not a reclassification.
   *
   * @return the priority after the breach
   */
  public String breach(String caseReference, SlaTarget target) {
    Instant now = now();
    SlaClockRecord clock = clock(caseReference, target);
    clocks.update(clock.breached(now), now);
    LOG.info("SLA {} of case {} breached (due {})", target, caseReference, clock.due());
    String priority = currentPriority(caseReference, clock.priority());
    if (!properties.isRaisePriorityOnBreach()) {
      return priority;
    }
    String raised = raise(priority);
    if (!Objects.equals(raised, priority)) {
      for (String processId : List.of(CaseVariables.PROCESS_ID, SlaVariables.PROCESS_ID)) {
        instance(caseReference, processId).ifPresent(instance ->
            runtime.setVariable(instance.getId(), SlaVariables.PRIORITY, raised));
      }
    }
    return raised;
  }

  // ---------------------------------------------------------------- by case reference (API, tests)

  public List<SlaClockRecord> start(String caseReference, String priority, String severity, String organisationId) {
    Objects.requireNonNull(caseReference, "An SLA clock needs the case reference (business key)");
    List<SlaClockRecord> existing = clocks.forCase(caseReference);
    if (!existing.isEmpty()) {
      return existing; // started already: a retried step starts nothing twice
    }
    Instant now = now();
    BusinessCalendar calendar = calendars.forOrganisation(organisationId);
    List<SlaClockRecord> started = new ArrayList<>();
    targets.targets(priority, severity).forEach((target, duration) -> {
      SlaClockRecord clock = SlaClockRecord.start(UUID.randomUUID().toString(), caseReference, target, priority,
          severity, organisationId, duration, calendar, Groups.TIER1, now, properties.getWarningShare());
      clocks.insert(clock, now);
      started.add(clock);
    });
    if (instance(caseReference, SlaVariables.PROCESS_ID).isEmpty()) {
      runtime.createProcessInstanceByKey(SlaVariables.PROCESS_ID).businessKey(caseReference)
          .setVariables(Variables.createVariables()
              .putValue(SlaVariables.CASE_REFERENCE, caseReference)
              .putValue(SlaVariables.PRIORITY, priority)
              .putValue(SlaVariables.SEVERITY, severity)
              .putValue(SlaVariables.ORGANISATION_ID, organisationId))
          .execute();
    }
    return started;
  }

  public void pause(String caseReference, String reason) {
    Instant now = now();
    for (SlaClockRecord clock : clocks.forCase(caseReference)) {
      if (clock.isOpen() && !clock.isPaused()) {
        clocks.update(clock.pause(now, reason), now);
      }
    }
    instance(caseReference, SlaVariables.PROCESS_ID).ifPresent(instance ->
        timerJobs(instance.getId(), null).forEach(job -> setSuspended(job, true)));
  }

  public void resume(String caseReference) {
    Instant now = now();
    for (SlaClockRecord clock : clocks.forCase(caseReference)) {
      if (clock.isPaused()) {
        clocks.update(clock.resume(calendarOf(clock), now, properties.getWarningShare()), now);
      }
    }
    moveTimers(caseReference);
  }

  /** The target was reached; {@link SlaTarget#RESOLUTION} stops every clock and ends the clock process. */
  public void met(String caseReference, SlaTarget target) {
    Instant now = now();
    for (SlaClockRecord clock : clocks.forCase(caseReference)) {
      if (clock.target() == target || target == SlaTarget.RESOLUTION) {
        clocks.update(clock.met(calendarOf(clock), now, properties.getWarningShare()), now);
      }
    }
    String message = target == SlaTarget.RESOLUTION ? SlaVariables.MESSAGE_RESOLVED
        : SlaVariables.MESSAGE_FIRST_RESPONSE_GIVEN;
    instance(caseReference, SlaVariables.PROCESS_ID).ifPresent(instance -> {
      // only while the clock process waits for it: a second "first response" is no error
      if (runtime.createEventSubscriptionQuery().processInstanceId(instance.getId()).eventName(message).count() > 0) {
        runtime.createMessageCorrelation(message).processInstanceId(instance.getId()).correlateWithResult();
      }
    });
  }

  public void handOver(String caseReference, String tier) {
    String normalised = tier == null ? null : tier.trim().toLowerCase(Locale.ROOT);
    if (!LEADS_OF_TIER.containsKey(normalised)) {
      throw new IllegalArgumentException("An SLA clock is handed over to " + LEADS_OF_TIER.keySet() + ", not '" + tier + "'");
    }
    Instant now = now();
    for (SlaClockRecord clock : clocks.forCase(caseReference)) {
      if (clock.isOpen()) {
        clocks.update(clock.handedOver(normalised), now);
      }
    }
  }

  /**
   * Decides the targets again for a new priority or severity. Open clocks keep their start and pauses
   * and get the new target (a breach already recorded stays recorded); a target the case no longer has
   * is WITHDRAWN; a target it newly has starts counting from the case's start.
   */
  public void recompute(String caseReference, String priority, String severity) {
    List<SlaClockRecord> existing = clocks.forCase(caseReference);
    if (existing.isEmpty()) {
      return;
    }
    Instant now = now();
    double share = properties.getWarningShare();
    Map<SlaTarget, String> decided = targets.targets(priority, severity);
    Map<SlaTarget, SlaClockRecord> byTarget = new EnumMap<>(SlaTarget.class);
    existing.forEach(clock -> byTarget.put(clock.target(), clock));
    SlaClockRecord sibling = existing.get(0);
    Optional<ProcessInstance> instance = instance(caseReference, SlaVariables.PROCESS_ID);

    for (SlaTarget target : SlaTarget.values()) {
      SlaClockRecord clock = byTarget.get(target);
      String duration = decided.get(target);
      boolean reapplies = clock != null && clock.state() == SlaClockRecord.State.WITHDRAWN && duration != null;
      if (reapplies) {
        clock = null; // a withdrawn target that applies again starts afresh below, in the same row
      }
      if (clock != null && !clock.isOpen()) {
        continue; // met (or withdrawn and still not applicable): history, not a running clock
      }
      BusinessCalendar calendar = calendars.forOrganisation(sibling.organisationId());
      if (clock != null && duration != null) {
        clocks.update(clock.retargeted(duration, priority, severity, calendar, share), now);
      } else if (clock != null) {
        clocks.update(clock.withdrawn(calendar, now, share), now);
        instance.ifPresent(process -> withdrawFromProcess(process.getId(), target));
      } else if (duration != null) {
        SlaClockRecord added = newClockLike(sibling, target, duration, priority, severity, calendar, now, share);
        if (reapplies) {
          clocks.update(withId(added, byTarget.get(target).id()), now);
        } else {
          clocks.insert(added, now);
        }
        instance.ifPresent(process -> addToProcess(process.getId(), target));
      }
    }
    instance.ifPresent(process -> {
      runtime.setVariable(process.getId(), SlaVariables.PRIORITY, priority);
      runtime.setVariable(process.getId(), SlaVariables.SEVERITY, severity);
    });
    moveTimers(caseReference);
  }

  /** The case's clocks as auditors and the customer API see them, with live elapsed and paused time. */
  @Transactional(readOnly = true)
  public List<SlaClockView> clocks(String caseReference) {
    Instant now = now();
    Map<String, Integer> rounds = clocks.rounds(caseReference);
    return clocks.forCase(caseReference).stream()
        .map(clock -> SlaClockView.of(clock, rounds.getOrDefault(clock.id(), 1), calendarOf(clock), now)).toList();
  }

  /**
   * The customer objected to the resolution: the case is open again and gets a new resolution clock
   * (a second round, the first kept as it ended), with its target from the case's priority and severity
   * now, on the case's calendar, warned and breached by a clock process of its own. Nothing happens
   * while a resolution clock is still open.
   */
  public void reopen(DelegateExecution execution) {
    reopen(caseReference(execution), text(execution.getVariable(SlaVariables.PRIORITY)),
        text(execution.getVariable(SlaVariables.SEVERITY)), text(execution.getVariable(SlaVariables.ORGANISATION_ID)));
  }

  public void reopen(String caseReference, String priority, String severity, String organisationId) {
    Optional<SlaClockRecord> last = clocks.find(caseReference, SlaTarget.RESOLUTION);
    if (last.isPresent() && last.get().isOpen()) {
      return;
    }
    String duration = targets.targets(priority, severity).get(SlaTarget.RESOLUTION);
    if (duration == null) {
      return; // no resolution promise for this classification
    }
    Instant now = now();
    SlaClockRecord clock = SlaClockRecord.start(UUID.randomUUID().toString(), caseReference, SlaTarget.RESOLUTION,
        priority, severity, organisationId, duration, calendars.forOrganisation(organisationId), Groups.TIER1, now,
        properties.getWarningShare());
    clocks.insert(clock, now);
    LOG.info("Case {} reopened: resolution clock round {} due {}", caseReference,
        clocks.rounds(caseReference).get(clock.id()), clock.due());
    if (instance(caseReference, SlaVariables.PROCESS_ID).isEmpty()) {
      runtime.createProcessInstanceByKey(SlaVariables.PROCESS_ID).businessKey(caseReference)
          .setVariables(Variables.createVariables()
              .putValue(SlaVariables.CASE_REFERENCE, caseReference)
              .putValue(SlaVariables.PRIORITY, priority)
              .putValue(SlaVariables.SEVERITY, severity)
              .putValue(SlaVariables.ORGANISATION_ID, organisationId))
          .execute();
    }
  }

  // ---------------------------------------------------------------- internals

  /** Due dates of a clock as they stand now; for a paused clock, as if it resumed now. */
  private SlaClockRecord schedule(SlaClockRecord clock) {
    return clock.isPaused() ? clock.resume(calendarOf(clock), now(), properties.getWarningShare()) : clock;
  }

  /** Sets every timer job of the clock process to its clock's due date; paused clocks' jobs stay suspended. */
  private void moveTimers(String caseReference) {
    Optional<ProcessInstance> instance = instance(caseReference, SlaVariables.PROCESS_ID);
    if (instance.isEmpty()) {
      return;
    }
    for (SlaClockRecord clock : clocks.forCase(caseReference)) {
      if (!clock.isOpen()) {
        continue;
      }
      for (Job job : timerJobs(instance.get().getId(), clock.target())) {
        if (clock.isPaused()) {
          setSuspended(job, true);
          continue;
        }
        Instant due = isWarningTimer(job) ? clock.warningDue() : clock.due();
        management.setJobDuedate(job.getId(), Date.from(due));
        setSuspended(job, false);
      }
    }
  }

  /**
   * Suspends or activates a timer job. Inside a process step (a diagram's listener) the job entity of
   * the running command is changed: the API's bulk update would bypass that command's cached entity,
   * and the step's own later changes to the job (a terminate end deleting it) would then fail with an
   * optimistic-locking error.
   */
  private void setSuspended(Job job, boolean suspended) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      JobEntity entity = command.getJobManager().findJobById(job.getId());
      if (entity != null) {
        entity.setSuspensionState((suspended ? SuspensionState.SUSPENDED : SuspensionState.ACTIVE).getStateCode());
      }
    } else if (suspended && !job.isSuspended()) {
      management.suspendJobById(job.getId());
    } else if (!suspended && job.isSuspended()) {
      management.activateJobById(job.getId());
    }
  }

  private List<Job> timerJobs(String processInstanceId, SlaTarget target) {
    List<String> activities = target == null
        ? List.of(SlaVariables.TIMER_FIRST_RESPONSE_WARNING, SlaVariables.TIMER_FIRST_RESPONSE_BREACHED,
            SlaVariables.TIMER_RESOLUTION_WARNING, SlaVariables.TIMER_RESOLUTION_BREACHED)
        : target == SlaTarget.FIRST_RESPONSE
            ? List.of(SlaVariables.TIMER_FIRST_RESPONSE_WARNING, SlaVariables.TIMER_FIRST_RESPONSE_BREACHED)
            : List.of(SlaVariables.TIMER_RESOLUTION_WARNING, SlaVariables.TIMER_RESOLUTION_BREACHED);
    List<Job> jobs = new ArrayList<>();
    for (String activity : activities) {
      jobs.addAll(management.createJobQuery().processInstanceId(processInstanceId).timers().activityId(activity).list());
    }
    return jobs;
  }

  private boolean isWarningTimer(Job job) {
    String activity = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
    return activity.equals(SlaVariables.TIMER_FIRST_RESPONSE_WARNING)
        || activity.equals(SlaVariables.TIMER_RESOLUTION_WARNING);
  }

  private void addToProcess(String processInstanceId, SlaTarget target) {
    if (target == SlaTarget.FIRST_RESPONSE) {
      runtime.createProcessInstanceModification(processInstanceId)
          .startBeforeActivity(SlaVariables.TASK_AWAIT_FIRST_RESPONSE).execute();
    } else {
      runtime.createProcessInstanceModification(processInstanceId)
          .cancelAllForActivity(SlaVariables.TASK_AWAIT_RESOLUTION_WITHOUT_TARGET)
          .startBeforeActivity(SlaVariables.TASK_AWAIT_RESOLUTION).execute();
    }
  }

  private void withdrawFromProcess(String processInstanceId, SlaTarget target) {
    if (target == SlaTarget.FIRST_RESPONSE) {
      runtime.createProcessInstanceModification(processInstanceId)
          .cancelAllForActivity(SlaVariables.TASK_AWAIT_FIRST_RESPONSE).execute();
    } else {
      runtime.createProcessInstanceModification(processInstanceId)
          .cancelAllForActivity(SlaVariables.TASK_AWAIT_RESOLUTION)
          .startBeforeActivity(SlaVariables.TASK_AWAIT_RESOLUTION_WITHOUT_TARGET).execute();
    }
  }

  private static SlaClockRecord newClockLike(SlaClockRecord sibling, SlaTarget target, String duration,
      String priority, String severity, BusinessCalendar calendar, Instant now, double share) {
    // the case's start and its pauses so far apply to every target of the case
    SlaClockRecord fresh = SlaClockRecord.start(UUID.randomUUID().toString(), sibling.caseReference(), target,
        priority, severity, sibling.organisationId(), duration, calendar, sibling.responsibleTier(),
        sibling.startedAt(), share);
    Duration pausedWall = sibling.pausedWall();
    Duration pausedBusiness = sibling.pausedBusiness();
    return new SlaClockRecord(fresh.id(), fresh.caseReference(), target, priority, severity, fresh.organisationId(),
        duration, fresh.targetBusiness(), fresh.responsibleTier(),
        sibling.isOpen() && sibling.isPaused() ? SlaClockRecord.State.PAUSED : SlaClockRecord.State.RUNNING,
        fresh.startedAt(), sibling.isOpen() ? sibling.pausedSince() : null,
        sibling.isOpen() ? sibling.pauseReason() : null, pausedWall, pausedBusiness, null, null, null, null, null,
        null).scheduled(calendar, share);
  }

  private static SlaClockRecord withId(SlaClockRecord clock, String id) {
    return new SlaClockRecord(id, clock.caseReference(), clock.target(), clock.priority(), clock.severity(),
        clock.organisationId(), clock.targetDuration(), clock.targetBusiness(), clock.responsibleTier(), clock.state(),
        clock.startedAt(), clock.pausedSince(), clock.pauseReason(), clock.pausedWall(), clock.pausedBusiness(),
        clock.warningDue(), clock.due(), clock.warnedAt(), clock.breachedAt(), clock.metAt(), clock.elapsedBusiness());
  }

  private SlaClockRecord clock(String caseReference, SlaTarget target) {
    return clocks.find(caseReference, target).orElseThrow(() ->
        new IllegalStateException("Case " + caseReference + " has no " + target + " SLA clock"));
  }

  private String currentPriority(String caseReference, String fallback) {
    return instance(caseReference, SlaVariables.PROCESS_ID)
        .map(instance -> text(runtime.getVariable(instance.getId(), SlaVariables.PRIORITY)))
        .orElse(fallback);
  }

  static String raise(String priority) {
    int at = priority == null ? -1 : PRIORITIES.indexOf(priority.trim().toUpperCase(Locale.ROOT));
    return at <= 0 ? priority : PRIORITIES.get(at - 1);
  }

  private Optional<ProcessInstance> instance(String caseReference, String processDefinitionKey) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseReference)
        .processDefinitionKey(processDefinitionKey).list().stream().findFirst();
  }

  private BusinessCalendar calendarOf(SlaClockRecord clock) {
    return calendars.forOrganisation(clock.organisationId());
  }

  private Instant now() {
    return time.get().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String caseReference(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    if (reference == null) {
      throw new IllegalStateException("SLA clocks need the case reference as business key of "
          + execution.getProcessDefinitionId());
    }
    return reference;
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
