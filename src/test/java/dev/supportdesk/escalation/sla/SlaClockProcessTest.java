package dev.supportdesk.escalation.sla;

import dev.supportdesk.escalation.support.ProcessTestEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import dev.supportdesk.escalation.security.Groups;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flywaydb.core.Flyway;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Process test (scope 2) of SlaClockProcess with the real SLA services against the in-memory engine's
 * own database, and the engine's clock ({@link ClockUtil}) moved by hand. The default calendar is
 * Monday to Friday 09:00–17:00 in Berlin; cases start Monday 2026-11-23 09:00.
 */
@Deployment(resources = {"processes/SlaClockProcess.bpmn", "processes/SlaTargets.dmn",
    "forms/ReviewSlaWarning.form", "forms/HandleSlaBreach.form"})
class SlaClockProcessTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final String CASE = "CASE-2026-SLA001";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  SlaClock slaClock;
  SlaClockRepository repository;
  SlaProperties properties;

  @BeforeEach
  void realServicesOnTheEnginesDatabase() {
    BpmnAwareTests.init(engine.getProcessEngine());
    // the engine's database through plain auto-committing connections (the engine pools its own)
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngine()
        .getProcessEngineConfiguration();
    DataSource dataSource = new DriverManagerDataSource(configuration.getJdbcUrl(), configuration.getJdbcUsername(),
        configuration.getJdbcPassword());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
        .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("DELETE FROM sla_clock");
    repository = new SlaClockRepository(jdbc);
    properties = new SlaProperties();
    useTargets(SlaTargets.fromDecisions(engine.getProcessEngine().getDecisionService()));
    at("2026-11-23T09:00");
  }

  void useTargets(SlaTargets targets) {
    slaClock = new SlaClock(repository, targets, BusinessCalendars.from(properties), properties,
        runtimeService(), managementService());
    Mocks.register("slaClock", slaClock);
    Mocks.register("recordSlaBreach", new RecordSlaBreachDelegate(slaClock));
    Mocks.register("slaLeadTaskValidation", new SlaLeadTaskValidation());
    Mocks.register("notifySlaLeads", (JavaDelegate) execution -> leadMails.add(
        (String) execution.getVariable(NotifySlaLeadsDelegate.NEWS)));
  }

  /** The escalation codes the leads were e-mailed about, in order. */
  final List<String> leadMails = new ArrayList<>();

  @AfterEach
  void reset() {
    Mocks.reset();
    ClockUtil.reset();
  }

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  static void at(String localDateTime) {
    ClockUtil.setCurrentTime(Date.from(berlin(localDateTime)));
  }

  /** The timer jobs the job executor would pick up now: due and not suspended. */
  static List<Job> dueJobs(ProcessInstance instance) {
    return managementService().createJobQuery().processInstanceId(instance.getId()).active().executable().list();
  }

  static void executeDueJobs(ProcessInstance instance) {
    dueJobs(instance).forEach(job -> managementService().executeJob(job.getId()));
  }

  static Job timer(ProcessInstance instance, String activityId) {
    return managementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
  }

  ProcessInstance clockProcess() {
    return runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(CASE)
        .processDefinitionKey(SlaVariables.PROCESS_ID).singleResult();
  }

  SlaClockRecord record(SlaTarget target) {
    return repository.find(CASE, target).orElseThrow();
  }

  @Test
  void startRunsBothClocksWithDueDatesFromTheBusinessCalendar() {
    slaClock.start(CASE, "P2", "HIGH", null);

    ProcessInstance instance = clockProcess();
    assertThat(instance).isWaitingAt(SlaVariables.TASK_AWAIT_FIRST_RESPONSE, SlaVariables.TASK_AWAIT_RESOLUTION);
    // P2: first response PT4H, 75 % = 3 working hours; HIGH: resolution P3D = 24 working hours
    assertThat(record(SlaTarget.FIRST_RESPONSE).due()).isEqualTo(berlin("2026-11-23T13:00"));
    assertThat(record(SlaTarget.RESOLUTION).due()).isEqualTo(berlin("2026-11-25T17:00"));
    assertThat(timer(instance, SlaVariables.TIMER_FIRST_RESPONSE_WARNING).getDuedate())
        .isEqualTo(Date.from(berlin("2026-11-23T12:00")));
    assertThat(timer(instance, SlaVariables.TIMER_RESOLUTION_WARNING).getDuedate())
        .isEqualTo(Date.from(berlin("2026-11-25T11:00")));
    assertThat(timer(instance, SlaVariables.TIMER_RESOLUTION_BREACHED).getDuedate())
        .isEqualTo(Date.from(berlin("2026-11-25T17:00")));
    assertThat(slaClock.clocks(CASE)).extracting(SlaClockView::state)
        .containsOnly(SlaClockRecord.State.RUNNING);
  }

  @Test
  void startingTwiceStartsOneClock() {
    slaClock.start(CASE, "P2", "HIGH", null);
    slaClock.start(CASE, "P2", "HIGH", null);

    assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(CASE).count()).isEqualTo(1);
    assertThat(repository.forCase(CASE)).hasSize(2);
  }

  @Test
  void warnsTheResponsibleTiersLeadsAtThreeQuartersOfTheTarget() {
    slaClock.start(CASE, "P2", "HIGH", null);
    ProcessInstance instance = clockProcess();
    slaClock.handOver(CASE, "tier2");

    at("2026-11-23T11:59");
    assertThat(dueJobs(instance)).isEmpty();

    at("2026-11-23T12:00");
    assertThat(dueJobs(instance)).extracting(Job::getId)
        .containsExactly(timer(instance, SlaVariables.TIMER_FIRST_RESPONSE_WARNING).getId());
    executeDueJobs(instance);

    assertThat(instance).isWaitingAt("Task_ReviewFirstResponseWarning", SlaVariables.TASK_AWAIT_FIRST_RESPONSE);
    Task warning = task("Task_ReviewFirstResponseWarning", instance);
    assertThat(warning).hasCandidateGroup(Groups.TIER2_LEADS).hasDueDate(Date.from(berlin("2026-11-23T13:00")));
    assertThat(record(SlaTarget.FIRST_RESPONSE).warnedAt()).isEqualTo(berlin("2026-11-23T12:00"));
    // and, on a branch of its own that the task does not wait for, a mail to the same leads
    assertThat(leadMails).isEmpty();
    executeDueJobs(instance);
    assertThat(leadMails).containsExactly("SlaWarningFirstResponse");
    assertThat(instance).hasPassed("Task_EmailTheLeads");

    assertThatThrownBy(() -> complete(warning, Map.of(SlaVariables.WARNING_NOTE, "ok")))
        .hasMessageContaining(SlaVariables.WARNING_NOTE);
    complete(warning, Map.of(SlaVariables.WARNING_NOTE, "Anna from Tier 2 answers within the hour"));
    assertThat(instance).hasPassed("EndEvent_FirstResponseWarningReviewed");

    slaClock.met(CASE, SlaTarget.FIRST_RESPONSE);

    assertThat(instance).hasPassed("EndEvent_FirstResponseGiven").isWaitingAt(SlaVariables.TASK_AWAIT_RESOLUTION);
    SlaClockRecord met = record(SlaTarget.FIRST_RESPONSE);
    assertThat(met.state()).isEqualTo(SlaClockRecord.State.MET);
    assertThat(met.elapsedBusiness()).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void breachEscalatesToTheLeadRecordsTheBreachAndRaisesThePriority() {
    slaClock.start(CASE, "P2", "HIGH", null);
    ProcessInstance instance = clockProcess();
    at("2026-11-23T12:00");
    executeDueJobs(instance);

    at("2026-11-23T13:00");
    executeDueJobs(instance);

    assertThat(instance).hasPassed("Task_RecordFirstResponseBreach").isWaitingAt("Task_HandleFirstResponseBreach",
        "Task_ReviewFirstResponseWarning", SlaVariables.TASK_AWAIT_FIRST_RESPONSE, SlaVariables.TASK_AWAIT_RESOLUTION);
    assertThat(task("Task_HandleFirstResponseBreach", instance)).hasCandidateGroup(Groups.TIER1_LEADS);
    SlaClockRecord breached = record(SlaTarget.FIRST_RESPONSE);
    assertThat(breached.state()).isEqualTo(SlaClockRecord.State.BREACHED);
    assertThat(breached.breachedAt()).isEqualTo(berlin("2026-11-23T13:00"));
    assertThat(runtimeService().getVariable(instance.getId(), SlaVariables.PRIORITY)).isEqualTo("P1");
    executeDueJobs(instance);
    assertThat(leadMails).containsExactly("SlaWarningFirstResponse", "SlaBreachFirstResponse");

    complete(task("Task_HandleFirstResponseBreach", instance),
        Map.of(SlaVariables.BREACH_ACTION, "Called the customer, engineer assigned"));
    assertThat(instance).hasPassed("EndEvent_FirstResponseBreachHandled");

    // answered late: still a breach on record, with when it was met and how long it took
    at("2026-11-23T14:30");
    slaClock.met(CASE, SlaTarget.FIRST_RESPONSE);
    SlaClockRecord late = record(SlaTarget.FIRST_RESPONSE);
    assertThat(late.state()).isEqualTo(SlaClockRecord.State.BREACHED);
    assertThat(late.metAt()).isEqualTo(berlin("2026-11-23T14:30"));
    assertThat(late.elapsedBusiness()).isEqualTo(Duration.ofMinutes(330));
  }

  @Test
  void noBreachWhileWaitingOnTheCustomerEvenPastTheOriginalDueDate() {
    slaClock.start(CASE, "P2", "HIGH", null);
    ProcessInstance instance = clockProcess();

    at("2026-11-23T10:00");
    slaClock.pause(CASE, "WAITING_FOR_CUSTOMER");
    at("2026-11-27T10:00"); // Friday: both original due dates (Monday 13:00, Wednesday 17:00) have passed

    assertThat(dueJobs(instance)).isEmpty();
    assertThat(slaClock.clocks(CASE)).allSatisfy(view -> {
      assertThat(view.state()).isEqualTo(SlaClockRecord.State.PAUSED);
      assertThat(view.due()).isNull();
      assertThat(view.elapsedBusinessTime()).isEqualTo(Duration.ofHours(1));
      assertThat(view.pauseReason()).isEqualTo("WAITING_FOR_CUSTOMER");
    });

    slaClock.resume(CASE);

    // paused Monday 10:00 to Friday 10:00 = 32 working hours; every due date moves out by them
    SlaClockRecord firstResponse = record(SlaTarget.FIRST_RESPONSE);
    assertThat(firstResponse.state()).isEqualTo(SlaClockRecord.State.RUNNING);
    assertThat(firstResponse.pausedBusiness()).isEqualTo(Duration.ofHours(32));
    assertThat(firstResponse.pausedWall()).isEqualTo(Duration.ofDays(4));
    assertThat(firstResponse.due()).isEqualTo(berlin("2026-11-27T13:00"));
    assertThat(timer(instance, SlaVariables.TIMER_FIRST_RESPONSE_WARNING).getDuedate())
        .isEqualTo(Date.from(berlin("2026-11-27T12:00")));
    assertThat(timer(instance, SlaVariables.TIMER_FIRST_RESPONSE_BREACHED).isSuspended()).isFalse();
    assertThat(timer(instance, SlaVariables.TIMER_RESOLUTION_BREACHED).getDuedate())
        .isEqualTo(Date.from(berlin("2026-12-01T17:00")));
    assertThat(dueJobs(instance)).isEmpty();

    at("2026-11-27T12:00");
    assertThat(dueJobs(instance)).hasSize(1);
  }

  @Test
  void resolutionWarningAndBreachReachTheLeadsOfTheTierNowResponsible() {
    slaClock.start(CASE, "P2", "HIGH", null);
    ProcessInstance instance = clockProcess();
    slaClock.met(CASE, SlaTarget.FIRST_RESPONSE);
    slaClock.handOver(CASE, "engineering");

    at("2026-11-25T11:00");
    executeDueJobs(instance);
    assertThat(task("Task_ReviewResolutionWarning", instance)).hasCandidateGroup(Groups.ENGINEERING_LEADS);
    complete(task("Task_ReviewResolutionWarning", instance), Map.of(SlaVariables.WARNING_NOTE, "Fix is in code review"));

    at("2026-11-25T17:00");
    executeDueJobs(instance);
    assertThat(task("Task_HandleResolutionBreach", instance)).hasCandidateGroup(Groups.ENGINEERING_LEADS);
    assertThat(record(SlaTarget.RESOLUTION).state()).isEqualTo(SlaClockRecord.State.BREACHED);
    complete(task("Task_HandleResolutionBreach", instance), Map.of(SlaVariables.BREACH_ACTION, "Hotfix release scheduled"));
    executeDueJobs(instance);
    assertThat(leadMails).containsExactly("SlaWarningResolution", "SlaBreachResolution");

    assertThat(instance).hasPassed("EndEvent_ResolutionWarningReviewed", "EndEvent_ResolutionBreachHandled")
        .isWaitingAt(SlaVariables.TASK_AWAIT_RESOLUTION);
  }

  @Test
  void aReopenedCaseRunsASecondResolutionClockThatBreachesOnItsOwnTarget() {
    slaClock.start(CASE, "P2", "HIGH", null);
    ProcessInstance first = clockProcess();
    slaClock.met(CASE, SlaTarget.FIRST_RESPONSE);
    at("2026-11-24T10:00");
    slaClock.met(CASE, SlaTarget.RESOLUTION);
    assertThat(first).isEnded();

    // the customer objects the next morning: the case is open again
    at("2026-11-25T09:00");
    slaClock.reopen(CASE, "P2", "HIGH", null);
    slaClock.reopen(CASE, "P2", "HIGH", null); // a second call while the new clock runs starts nothing

    ProcessInstance second = clockProcess();
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(second).isWaitingAt(SlaVariables.TASK_AWAIT_RESOLUTION)
        .hasNotPassed(SlaVariables.TASK_AWAIT_FIRST_RESPONSE);
    // HIGH: P3D = 24 working hours from the reopen
    assertThat(record(SlaTarget.RESOLUTION).due()).isEqualTo(berlin("2026-11-27T17:00"));
    assertThat(slaClock.clocks(CASE)).filteredOn(view -> view.target() == SlaTarget.RESOLUTION)
        .extracting(SlaClockView::round, SlaClockView::state)
        .containsExactly(tuple(1, SlaClockRecord.State.MET), tuple(2, SlaClockRecord.State.RUNNING));

    // and it runs past its new target
    at("2026-11-27T17:00");
    executeDueJobs(second);
    executeDueJobs(second);

    assertThat(second).hasPassed("Task_RecordResolutionBreach").isWaitingAt("Task_HandleResolutionBreach");
    assertThat(slaClock.clocks(CASE)).filteredOn(view -> view.target() == SlaTarget.RESOLUTION)
        .extracting(SlaClockView::round, SlaClockView::state)
        .containsExactly(tuple(1, SlaClockRecord.State.MET), tuple(2, SlaClockRecord.State.BREACHED));
    assertThat(new SlaAuditRecords(slaClock, null).forCase(CASE))
        .extracting(dev.supportdesk.escalation.audit.CaseSlaRecords.SlaRecord::target, 
            dev.supportdesk.escalation.audit.CaseSlaRecords.SlaRecord::outcome)
        .contains(tuple("RESOLUTION", "MET"), tuple("RESOLUTION (reopened, round 2)", "BREACHED"));
  }

  @Test
  void priorityChangeRecomputesTargetsAndMovesTheTimers() {
    slaClock.start(CASE, "P3", null, null);
    ProcessInstance instance = clockProcess();
    assertThat(record(SlaTarget.FIRST_RESPONSE).targetDuration()).isEqualTo("P1D");
    assertThat(record(SlaTarget.RESOLUTION).targetDuration()).isEqualTo("P10D");

    at("2026-11-23T10:00");
    slaClock.recompute(CASE, "P1", "SEVERE");

    assertThat(record(SlaTarget.FIRST_RESPONSE).due()).isEqualTo(berlin("2026-11-23T11:00"));
    assertThat(record(SlaTarget.RESOLUTION).due()).isEqualTo(berlin("2026-11-23T17:00"));
    assertThat(timer(instance, SlaVariables.TIMER_FIRST_RESPONSE_BREACHED).getDuedate())
        .isEqualTo(Date.from(berlin("2026-11-23T11:00")));
    assertThat(timer(instance, SlaVariables.TIMER_RESOLUTION_WARNING).getDuedate())
        .isEqualTo(Date.from(berlin("2026-11-23T15:00")));
    assertThat(runtimeService().getVariable(instance.getId(), SlaVariables.SEVERITY)).isEqualTo("SEVERE");

    // reclassified as an enhancement: no resolution promise any more
    slaClock.recompute(CASE, "P1", "ENHANCEMENT");
    assertThat(record(SlaTarget.RESOLUTION).state()).isEqualTo(SlaClockRecord.State.WITHDRAWN);
    assertThat(instance).isWaitingAt(SlaVariables.TASK_AWAIT_FIRST_RESPONSE,
        SlaVariables.TASK_AWAIT_RESOLUTION_WITHOUT_TARGET);

    // and back: the resolution clock counts from the case's start again
    slaClock.recompute(CASE, "P1", "MEDIUM");
    assertThat(record(SlaTarget.RESOLUTION).state()).isEqualTo(SlaClockRecord.State.RUNNING);
    assertThat(record(SlaTarget.RESOLUTION).due()).isEqualTo(berlin("2026-11-26T17:00"));
    assertThat(instance).isWaitingAt(SlaVariables.TASK_AWAIT_FIRST_RESPONSE, SlaVariables.TASK_AWAIT_RESOLUTION);
  }

  @Test
  void resolutionStopsEveryClockEndsTheProcessAndLeavesTheRecord() {
    slaClock.start(CASE, "P2", "HIGH", null);
    ProcessInstance instance = clockProcess();
    at("2026-11-23T12:00");
    executeDueJobs(instance); // an open warning task is cancelled with the clock

    at("2026-11-23T12:30");
    slaClock.pause(CASE, "WAITING_FOR_CUSTOMER");
    at("2026-11-24T10:30");
    slaClock.resume(CASE);
    at("2026-11-24T11:00");
    slaClock.met(CASE, SlaTarget.RESOLUTION);

    assertThat(instance).isEnded().hasPassed("EndEvent_CaseResolved");
    assertThat(taskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(slaClock.clocks(CASE)).allSatisfy(view -> {
      assertThat(view.state()).isEqualTo(SlaClockRecord.State.MET);
      assertThat(view.metAt()).isEqualTo(berlin("2026-11-24T11:00"));
      // 09:00–12:30 Monday and 10:30–11:00 Tuesday ran; 12:30 Monday to 10:30 Tuesday was paused
      assertThat(view.elapsedBusinessTime()).isEqualTo(Duration.ofHours(4));
      assertThat(view.pausedBusinessTime()).isEqualTo(Duration.ofMinutes(6 * 60));
      assertThat(view.pausedTime()).isEqualTo(Duration.ofHours(22));
    });
  }

  @Test
  void caseWithoutTargetsRunsNoTimersUntilResolved() {
    useTargets((priority, severity) -> Map.of());

    slaClock.start(CASE, "P3", "ENHANCEMENT", null);

    ProcessInstance instance = clockProcess();
    assertThat(instance).hasPassed("EndEvent_NoFirstResponseTarget")
        .isWaitingAt(SlaVariables.TASK_AWAIT_RESOLUTION_WITHOUT_TARGET);
    assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();

    slaClock.met(CASE, SlaTarget.RESOLUTION);

    assertThat(instance).isEnded().hasPassed("EndEvent_CaseResolvedWithoutTarget");
  }
}
