package dev.supportdesk.escalation.engineering;

import dev.supportdesk.escalation.support.ProcessTestEngine;
import static dev.supportdesk.escalation.engineering.EngineeringVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;

import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.engineering.EngineeringContract.Outcome;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotifyCustomerDelegate;
import dev.supportdesk.escalation.knowledge.ReleaseNotePosting;
import dev.supportdesk.escalation.problem.ProblemLinks;
import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.queue.CaseOwnership;
import dev.supportdesk.escalation.queue.FollowUpTaskValidator;
import dev.supportdesk.escalation.queue.OwnerVariables;
import dev.supportdesk.escalation.sla.SlaClock;
import dev.supportdesk.escalation.tracker.FollowTrackerStatusDelegate;
import dev.supportdesk.escalation.tracker.MoveEngineeringTicketDelegate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/** Process test (scope 2) of every path of EngineeringProcess: tracker, notifications and case status mocked. */
@Deployment(resources = {
    "processes/EngineeringProcess.bpmn", "processes/DefectSeverity.dmn",
    "engineering/EngineeringCallerProcess.bpmn",
    "forms/ConfirmDefect.form", "forms/TriageDefect.form", "forms/ScheduleFixIntoRelease.form",
    "forms/DevelopFix.form", "forms/TestFixOnStaging.form", "forms/VerifyFix.form", "forms/ReleaseFix.form",
    "forms/MonitorRelease.form", "forms/FollowUpEngineeringDone.form"})
class EngineeringProcessTest {

  static final String CASE = "CASE-2026-ENG001";
  static final String CALLER = "EngineeringCallerProcess";
  static final String OWNER = "tom.tier1";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  /** What a mocked delegate saw: its input parameter and the variables it read. */
  record Call(String parameter, Map<String, Object> variables) {}

  final List<Call> notifications = new ArrayList<>();
  final List<Call> ticketMoves = new ArrayList<>();
  final List<String> openedFor = new ArrayList<>();
  /** Cases whose owner was told that engineering is done, once per telling. */
  final List<String> ownerToldFor = new ArrayList<>();
  CaseStatusTracker caseStatus;
  /** The case's SLA clock as the diagram calls it; each recompute records the severity it saw. */
  SlaClock slaClock;
  ProblemLinks problemLinks;
  ReleaseNotePosting releaseNotePosting;
  final List<Object> severitiesAtRecompute = new ArrayList<>();
  static final Date SLA_DUE = Date.from(Instant.parse("2026-11-24T15:00:00Z"));

  @BeforeEach
  void bindEngineAndMocks() {
    BpmnAwareTests.init(engine.getProcessEngine());
    caseStatus = mock(CaseStatusTracker.class);
    Mocks.register("caseStatus", caseStatus);
    Mocks.register("notifyCustomer", recording(notifications, NotifyCustomerDelegate.KIND_PARAMETER));
    // the ticket-status and release steps tell the cases linked to the ticket too (ProblemLinks)
    Mocks.register("notifyCustomerAndLinkedCases", recording(notifications, NotifyCustomerDelegate.KIND_PARAMETER));
    problemLinks = mock(ProblemLinks.class);
    Mocks.register("problemLinks", problemLinks);
    releaseNotePosting = mock(ReleaseNotePosting.class);
    Mocks.register("releaseNotePosting", releaseNotePosting);
    Mocks.register("moveEngineeringTicket", recording(ticketMoves, MoveEngineeringTicketDelegate.STATUS_PARAMETER));
    Mocks.register("openEngineeringTicket", (JavaDelegate) execution -> {
      openedFor.add(execution.getProcessBusinessKey());
      execution.setVariable(EngineeringContract.TICKET_KEY, "ENG-7");
    });
    Mocks.register("engineeringTaskValidator", new EngineeringTaskValidator());
    Mocks.register("followTrackerStatus", new FollowTrackerStatusDelegate(caseStatus));
    slaClock = mock(SlaClock.class);
    when(slaClock.dueDate(any(DelegateExecution.class))).thenReturn(SLA_DUE);
    doAnswer(call -> severitiesAtRecompute.add(call.<DelegateExecution>getArgument(0).getVariable(SEVERITY)))
        .when(slaClock).recompute(any(DelegateExecution.class));
    Mocks.register("slaClock", slaClock);
    Mocks.register("notifyCaseOwner", (JavaDelegate) execution -> ownerToldFor.add(execution.getProcessBusinessKey()));
    CaseOwnership ownership = mock(CaseOwnership.class);
    when(ownership.ownerOf(any(DelegateExecution.class))).thenReturn(OWNER);
    Mocks.register("caseOwnership", ownership);
    Mocks.register("followUpTaskValidator", new FollowUpTaskValidator());
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  private static JavaDelegate recording(List<Call> calls, String parameter) {
    return execution -> calls.add(new Call((String) execution.getVariableLocal(parameter),
        new HashMap<>(execution.getVariables())));
  }

  @Test
  void endsAsNotADefectWithoutTicketWhenEngineeringCannotConfirmIt() {
    ProcessInstance instance = startEngineering();
    assertThat(instance).isWaitingAt(TASK_CONFIRM_DEFECT);
    assertThat(currentTask()).hasCandidateGroup("engineering");
    assertThat(taskQuery().initializeFormKeys().singleResult().getCamundaFormRef().getKey()).isEqualTo("Form_ConfirmDefect");

    complete(currentTask(), Map.of(DEFECT_REPRODUCED, false, DEFECT_CONFIRMED, false,
        CONFIRMATION_NOTES, "Works as designed: the export limit is documented"));

    assertThat(instance).isEnded().hasPassed(END_EVENT_NOT_A_DEFECT)
        .variables().containsEntry(EngineeringContract.ENGINEERING_OUTCOME, Outcome.NOT_A_DEFECT.name());
    assertThat(openedFor).isEmpty();
    // told of the escalation when it arrived, and of nothing engineering never did
    assertThat(notifications).extracting(Call::parameter).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING.name());
    verify(caseStatus, never()).enter(any(), anyString());
  }

  @Test
  void hotfixMovesTicketAndCaseThroughEveryStatusAndTellsTheCustomerEachTime() {
    ProcessInstance instance = startEngineering();
    confirmDefect("DEGRADED", "MANY", false);
    executeJobs();

    assertThat(openedFor).containsExactly(CASE);
    assertThat(instance).isWaitingAt(TASK_TRIAGE_DEFECT)
        .variables().containsEntry(RECOMMENDED_SEVERITY, "HIGH").containsEntry(SEVERITY, "HIGH")
        .containsEntry(RESOLUTION_TARGET_DAYS, 3).containsEntry(EngineeringContract.TICKET_KEY, "ENG-7");
    assertThat(currentTask()).hasCandidateGroup("engineering-leads");

    assertThat(severitiesAtRecompute).as("targets follow the recommended severity").containsExactly("HIGH");
    assertThat(currentTask().getDueDate()).as("due date from the SLA clock").isEqualTo(SLA_DUE);

    complete(currentTask(), Map.of(SEVERITY, "SEVERE", SEVERITY_OVERRIDE_REASON, "Largest customer blocked at month end",
        DEVELOPER, "erin.engineer", RELEASE_PATH, ReleasePath.HOTFIX.name(), TARGET_RELEASE, "7.24.1"));
    executeJobs();
    assertThat(severitiesAtRecompute).as("and then the triaged one").containsExactly("HIGH", "SEVERE");
    assertThat(ticketMoves.get(1).variables()).containsEntry(MoveEngineeringTicketDelegate.COMMENT_PARAMETER,
        "Triage: severity SEVERE, HOTFIX, developer erin.engineer");

    developTestVerify(true);
    releaseAndMonitor(false);
    executeJobs();

    assertThat(instance).isEnded().hasPassed(TASK_MOVE_HOTFIX_TICKET_TO_DONE, END_EVENT_HOTFIX_RELEASED)
        .hasNotPassed(EVENT_SOLVED_PLANNED_FOR_RELEASE, TASK_NOTIFY_FIX_RELEASED)
        .variables().containsEntry(EngineeringContract.ENGINEERING_OUTCOME, Outcome.HOTFIX_RELEASED.name())
        .containsEntry(EngineeringContract.RELEASE_NOTES, "Exports of large reports no longer time out.");
    assertThat(ticketMoves).extracting(Call::parameter).containsExactly("SPECIFYING", "READY", "IN_PROGRESS", "DONE");
    assertThat(notifications).extracting(Call::parameter).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING.name(),
        NotificationKind.ENGINEERING_SPECIFYING.name(), NotificationKind.ENGINEERING_READY.name(),
        NotificationKind.ENGINEERING_IN_PROGRESS.name(), NotificationKind.ENGINEERING_DONE.name());
    InOrder statuses = inOrder(caseStatus);
    statuses.verify(caseStatus).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_SPECIFYING"));
    statuses.verify(caseStatus).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_READY"));
    statuses.verify(caseStatus).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_IN_PROGRESS"));
    statuses.verify(caseStatus).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_DONE"));
    // the owner hears of it; the case goes back to Tier 1, where "Communicate resolution" is the owner's task
    assertThat(ownerToldFor).containsExactly(CASE);
    assertThat(instance).hasPassed(OwnerVariables.TASK_TELL_OWNER, "EndEvent_OwnerCommunicatesResolution")
        .hasNotPassed(OwnerVariables.TASK_FOLLOW_UP);
    // the ticket can be linked to once opened; the linked cases go on with the hotfix, and it is closed then
    InOrder links = inOrder(problemLinks);
    links.verify(problemLinks).opened(any(DelegateExecution.class));
    links.verify(problemLinks).settle(any(DelegateExecution.class), org.mockito.ArgumentMatchers.eq("HOTFIX_RELEASED"));
    links.verify(problemLinks).closed(any(DelegateExecution.class));
    verify(problemLinks, never()).settle(any(DelegateExecution.class),
        org.mockito.ArgumentMatchers.eq("SOLVED_PLANNED_FOR_RELEASE"));
    // "Release fix" posts the version's release notes
    verify(releaseNotePosting).fixReleased(any(DelegateExecution.class));
  }

  @Test
  void scheduledReleaseSolvesTheCaseAtOnceAndTellsTheCustomerWhenTheReleaseShips() {
    ProcessInstance caller = runtimeService().startProcessInstanceByKey(CALLER, CASE, handOff());
    executeJobs();
    ProcessInstance engineering = runtimeService().createProcessInstanceQuery()
        .processDefinitionKey(PROCESS_ID).superProcessInstanceId(caller.getId()).singleResult();
    confirmDefect("MINOR", "FEW", true);
    executeJobs();
    assertThat(engineering).variables().containsEntry(SEVERITY, "LOW").containsEntry(RESOLUTION_TARGET_DAYS, 10);

    triage("LOW", ReleasePath.SCHEDULED_RELEASE);
    executeJobs();

    // the escalation reached the case: solved there, while engineering goes on
    assertThat(caller).hasPassed("BoundaryEvent_SolvedPlannedForRelease", "EndEvent_CaseSolved")
        .isWaitingAt("CallActivity_Engineering");
    assertThat(engineering).hasPassed(EVENT_SOLVED_PLANNED_FOR_RELEASE).isWaitingAt(TASK_SCHEDULE_FIX);
    assertThat(historyService().createHistoricActivityInstanceQuery()
        .activityId(EVENT_SOLVED_PLANNED_FOR_RELEASE).activityType("intermediateEscalationThrowEvent").count()).isOne();
    assertThat(currentTask()).hasCandidateGroup("engineering");

    complete(currentTask(), Map.of(TARGET_RELEASE, "7.25.0", PLANNED_QUARTER, "2027-Q1"));
    executeJobs();
    developTestVerify(true);
    releaseAndMonitor(false);
    executeJobs();

    // the case owner is told and gets a follow-up task of their own: the case was solved long ago
    assertThat(ownerToldFor).containsExactly(CASE);
    assertThat(engineering).isWaitingAt(OwnerVariables.TASK_FOLLOW_UP);
    assertThat(currentTask()).hasDefinitionKey(OwnerVariables.TASK_FOLLOW_UP).isAssignedTo(OWNER)
        .hasCandidateGroupAssociated("tier1");
    assertThat(taskQuery().initializeFormKeys().singleResult().getCamundaFormRef().getKey())
        .isEqualTo("Form_FollowUpEngineeringDone");
    assertThatThrownBy(() -> taskServiceComplete(Map.of(OwnerVariables.FOLLOW_UP_NOTES, "ok")))
        .hasRootCauseInstanceOf(NotValidException.class)
        .hasMessageContaining(OwnerVariables.CUSTOMER_INFORMED + " must be true or false")
        .hasMessageContaining(OwnerVariables.FOLLOW_UP_NOTES + " must have 10 to");
    complete(currentTask(), Map.of(OwnerVariables.CUSTOMER_INFORMED, true,
        OwnerVariables.FOLLOW_UP_NOTES, "Called the customer: they install 7.24.1 next week"));

    assertThat(engineering).isEnded().hasPassed(OwnerVariables.TASK_TELL_OWNER, OwnerVariables.TASK_FOLLOW_UP)
        .hasPassed(TASK_NOTIFY_SCHEDULED_IN_PROGRESS, TASK_NOTIFY_FIX_RELEASED, END_EVENT_SCHEDULED_RELEASED)
        .hasNotPassed(TASK_NOTIFY_IN_PROGRESS, END_EVENT_HOTFIX_RELEASED);
    assertThat(caller).isEnded().hasPassed("EndEvent_EngineeringFinished")
        .variables().containsEntry(EngineeringContract.ENGINEERING_OUTCOME, Outcome.SCHEDULED_RELEASED.name());
    assertThat(ticketMoves).extracting(Call::parameter).containsExactly("SPECIFYING", "READY", "IN_PROGRESS", "DONE");
    // the case is solved at once, and the customer still hears every status of the ticket
    assertThat(notifications).extracting(Call::parameter).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING.name(),
        NotificationKind.ENGINEERING_SPECIFYING.name(), NotificationKind.ENGINEERING_READY.name(),
        NotificationKind.ENGINEERING_IN_PROGRESS.name(),
        NotificationKind.FIX_RELEASED.name(), NotificationKind.ENGINEERING_DONE.name());
    assertThat(notifications.get(4).variables())
        .containsEntry(EngineeringContract.RELEASE_NOTES, "Exports of large reports no longer time out.")
        .containsEntry(RELEASE_VERSION, "7.24.1");
    // linked cases go on when the release is planned; the ticket is offered for linking until it shipped
    InOrder links = inOrder(problemLinks);
    links.verify(problemLinks).opened(any(DelegateExecution.class));
    links.verify(problemLinks).settle(any(DelegateExecution.class),
        org.mockito.ArgumentMatchers.eq("SOLVED_PLANNED_FOR_RELEASE"));
    links.verify(problemLinks).closed(any(DelegateExecution.class));
    // the case keeps its status "solved, planned for release" while the fix is built
    verify(caseStatus, never()).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_IN_PROGRESS"));
    verify(caseStatus).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_DONE"));
  }

  @Test
  void fixThatFailsQaGoesBackToTheDeveloper() {
    ProcessInstance instance = startAtDevelopFix();

    developTestVerify(false);

    assertThat(instance).isWaitingAt(TASK_DEVELOP_FIX);
    assertThat(currentTask()).isAssignedTo("erin.engineer").hasCandidateGroupAssociated("engineering");
    assertThat(taskQuery().taskDefinitionKey(TASK_DEVELOP_FIX).count()).isOne();

    developTestVerify(true);
    releaseAndMonitor(false);
    executeJobs();
    assertThat(instance).isEnded().hasPassed(END_EVENT_HOTFIX_RELEASED);
    assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(TASK_DEVELOP_FIX).count()).isEqualTo(2);
  }

  @Test
  void regressionFoundWhileMonitoringReopensEngineering() {
    ProcessInstance instance = startAtDevelopFix();
    developTestVerify(true);

    releaseAndMonitor(true);

    assertThat(instance).isWaitingAt(TASK_DEVELOP_FIX).hasPassed("Gateway_Rework");
    assertThat(currentTask()).isAssignedTo("erin.engineer");
    developTestVerify(true);
    releaseAndMonitor(false);
    executeJobs();
    assertThat(instance).isEnded().hasPassed(END_EVENT_HOTFIX_RELEASED);
    assertThat(ticketMoves).extracting(Call::parameter).containsExactly("DONE");
  }

  @Test
  void noBusinessImpactIsAnEnhancementWithoutResolutionTarget() {
    ProcessInstance instance = startEngineering();

    confirmDefect("NONE", "ONE", true);
    executeJobs();

    assertThat(instance).isWaitingAt(TASK_TRIAGE_DEFECT).variables()
        .containsEntry(SEVERITY, "ENHANCEMENT").containsEntry(RESOLUTION_TARGET_DAYS, null);
  }

  @Test
  void serverRefusesIncompleteAnswersThatSkippedTheForm() {
    startEngineering();

    assertThatThrownBy(() -> taskServiceComplete(Map.of(DEFECT_CONFIRMED, true, CONFIRMATION_NOTES, "short")))
        .hasRootCauseInstanceOf(NotValidException.class)
        .hasMessageContaining("Confirm defect")
        .hasMessageContaining(DEFECT_REPRODUCED + " must be true or false")
        .hasMessageContaining(CONFIRMATION_NOTES + " must have 10 to")
        .hasMessageContaining(BUSINESS_IMPACT + " must be one of");
    assertThat(currentTask()).hasDefinitionKey(TASK_CONFIRM_DEFECT);

    confirmDefect("HALTED", "ALL", false);
    executeJobs();
    assertThatThrownBy(() -> taskServiceComplete(Map.of(SEVERITY, "LOW", DEVELOPER, "erin engineer",
        RELEASE_PATH, "NEXT_WEEK")))
        .hasRootCauseInstanceOf(NotValidException.class)
        .hasMessageContaining(SEVERITY_OVERRIDE_REASON + " is required when the severity differs from the recommended SEVERE")
        .hasMessageContaining(DEVELOPER + " must be a user id")
        .hasMessageContaining(RELEASE_PATH + " must be one of [HOTFIX, SCHEDULED_RELEASE]");

    complete(currentTask(), Map.of(SEVERITY, "HIGH", SEVERITY_OVERRIDE_REASON, "Only a test tenant is halted",
        DEVELOPER, "erin.engineer", RELEASE_PATH, "HOTFIX"));
    assertThat(historyService().createHistoricTaskInstanceQuery().taskDefinitionKey(TASK_TRIAGE_DEFECT)
        .finished().count()).isOne();
  }

  @Test
  void ticketMovedInTheTrackerMovesTheCaseAndTellsTheCustomerOnceWhileTheEngineersWorkGoesOn() {
    ProcessInstance instance = startEngineering();
    confirmDefect("DEGRADED", "MANY", false);
    executeJobs();
    assertThat(instance).isWaitingAt(TASK_TRIAGE_DEFECT);
    notifications.clear();

    // Jira: an engineer started work before triage was recorded in Tasklist
    trackerReports("IN_PROGRESS");
    executeJobs();

    assertThat(instance).isWaitingAt(TASK_TRIAGE_DEFECT)
        .hasPassed(START_EVENT_TRACKER_STATUS_CHANGED, TASK_FOLLOW_TRACKER_STATUS, TASK_NOTIFY_TRACKER_STATUS,
            END_EVENT_TRACKER_STATUS_FOLLOWED)
        .variables().containsEntry(FOLLOWED_TICKET_STATUS, "IN_PROGRESS");
    verify(caseStatus).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_IN_PROGRESS"));
    assertThat(notifications).extracting(Call::parameter).containsExactly(NotificationKind.ENGINEERING_IN_PROGRESS.name());

    // the same report again (webhook and polling both saw it): nothing new for the customer
    trackerReports("IN_PROGRESS");
    executeJobs();

    assertThat(instance).hasPassed(END_EVENT_TRACKER_STATUS_KNOWN).isWaitingAt(TASK_TRIAGE_DEFECT);
    assertThat(notifications).hasSize(1);
    verify(caseStatus, org.mockito.Mockito.times(1)).enter(any(), org.mockito.ArgumentMatchers.eq("ENGINEERING_IN_PROGRESS"));
    assertThat(currentTask()).hasDefinitionKey(TASK_TRIAGE_DEFECT);
  }

  @Test
  void aReportOfTheStatusTheProcessMovedTheTicketToIsNotNews() {
    Mocks.register("moveEngineeringTicket", new MoveEngineeringTicketDelegate(mock(
        dev.supportdesk.escalation.tracker.EngineeringTracker.class)));
    ProcessInstance instance = startEngineering();
    confirmDefect("DEGRADED", "MANY", false);
    executeJobs();
    notifications.clear();

    // Jira echoes the move the process made itself
    trackerReports("SPECIFYING");
    executeJobs();

    assertThat(instance).hasPassed(END_EVENT_TRACKER_STATUS_KNOWN).hasNotPassed(TASK_NOTIFY_TRACKER_STATUS);
    assertThat(notifications).isEmpty();
  }

  @Test
  void ticketDoneInTheTrackerTellsTheOwnerOnceThoughTheProcessReachesDoneToo() {
    ProcessInstance instance = startEngineering();
    confirmDefect("DEGRADED", "MANY", false);
    executeJobs();
    triage("HIGH", ReleasePath.SCHEDULED_RELEASE);
    executeJobs();
    notifications.clear();

    // Jira: the engineers closed the ticket before the release was recorded in Tasklist
    trackerReports("DONE");
    executeJobs();

    assertThat(notifications).extracting(Call::parameter).containsExactly(NotificationKind.ENGINEERING_DONE.name());
    assertThat(ownerToldFor).containsExactly(CASE);
    assertThat(instance).hasPassed("IntermediateThrowEvent_TrackerEngineeringDone", "EndEvent_TrackerDoneFollowed")
        .isWaitingAt(TASK_SCHEDULE_FIX, OwnerVariables.TASK_FOLLOW_UP);
    assertThat(taskQuery().taskDefinitionKey(OwnerVariables.TASK_FOLLOW_UP).singleResult()).isAssignedTo(OWNER);

    // the process reaches its own Done later: the owner is not told a second time
    complete(taskQuery().taskDefinitionKey(TASK_SCHEDULE_FIX).singleResult(),
        Map.of(TARGET_RELEASE, "7.25.0", PLANNED_QUARTER, "2027-Q1"));
    executeJobs();
    complete(taskQuery().taskDefinitionKey(OwnerVariables.TASK_FOLLOW_UP).singleResult(),
        Map.of(OwnerVariables.CUSTOMER_INFORMED, true, OwnerVariables.FOLLOW_UP_NOTES, "Mailed the customer the ticket"));
    developTestVerify(true);
    releaseAndMonitor(false);
    executeJobs();

    assertThat(instance).isEnded().hasPassed("EndEvent_OwnerAlreadyTold", END_EVENT_SCHEDULED_RELEASED);
    assertThat(ownerToldFor).containsExactly(CASE);
    assertThat(historyService().createHistoricTaskInstanceQuery().taskDefinitionKey(OwnerVariables.TASK_FOLLOW_UP)
        .count()).isOne();
  }

  // --- steps -----------------------------------------------------------------------------------

  private void trackerReports(String ticketStatus) {
    runtimeService().createMessageCorrelation(CaseMessages.TRACKER_STATUS_CHANGED).processInstanceBusinessKey(CASE)
        .setVariable(CaseMessages.TRACKER_STATUS, ticketStatus).correlateAll();
  }

  /** Started, and the customer told of the escalation (the first, asynchronous, step). */
  private ProcessInstance startEngineering() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(PROCESS_ID, CASE, handOff());
    executeJobs();
    return instance;
  }

  private static Map<String, Object> handOff() {
    return Map.of(
        EngineeringContract.ENGINEERING_SUMMARY, "Export times out for 60-page reports",
        EngineeringContract.ENGINEERING_DESCRIPTION, "## Description\n\nThe nightly export fails.",
        "priority", "P1");
  }

  private ProcessInstance startAtDevelopFix() {
    return runtimeService().createProcessInstanceByKey(PROCESS_ID).businessKey(CASE)
        .startBeforeActivity(TASK_DEVELOP_FIX)
        .setVariables(handOff())
        .setVariable(EngineeringContract.TICKET_KEY, "ENG-7")
        .setVariable(SEVERITY, "HIGH")
        .setVariable(DEVELOPER, "erin.engineer")
        .setVariable(RELEASE_PATH, ReleasePath.HOTFIX.name())
        .execute();
  }

  private void confirmDefect(String impact, String users, boolean workaround) {
    complete(currentTask(), Map.of(DEFECT_REPRODUCED, true, DEFECT_CONFIRMED, true,
        CONFIRMATION_NOTES, "Reproduced with a 60-page report on 7.24.0",
        BUSINESS_IMPACT, impact, AFFECTED_USERS, users, DATA_LOSS, false, SECURITY_CONCERN, false,
        WORKAROUND_AVAILABLE, workaround));
  }

  private void triage(String severity, ReleasePath path) {
    complete(currentTask(), Map.of(SEVERITY, severity, DEVELOPER, "erin.engineer", RELEASE_PATH, path.name(),
        TARGET_RELEASE, "7.24.1"));
  }

  private void developTestVerify(boolean passes) {
    assertThat(currentTask()).hasDefinitionKey(TASK_DEVELOP_FIX).isAssignedTo("erin.engineer");
    complete(currentTask(), Map.of(FIX_DESCRIPTION, "Added an index on report_id (commit 4f3a2b1)"));
    assertThat(currentTask()).hasDefinitionKey(TASK_TEST_ON_STAGING);
    complete(currentTask(), Map.of(STAGING_BUILD, "7.24.1-rc1", STAGING_TEST_NOTES, "60-page export in 4 s on staging"));
    assertThat(currentTask()).hasDefinitionKey(TASK_VERIFY_FIX).hasCandidateGroup("qa");
    complete(currentTask(), Map.of(FIX_VERIFIED, passes,
        VERIFICATION_NOTES, passes ? "Regression suite green, large exports pass" : "Export of 200 pages still times out"));
  }

  private void releaseAndMonitor(boolean regression) {
    assertThat(currentTask()).hasDefinitionKey(TASK_RELEASE_FIX).hasCandidateGroup("engineering");
    complete(currentTask(), Map.of(RELEASE_VERSION, "7.24.1", APP_UPDATE_REQUIRED, true,
        RELEASE_NOTES, "Exports of large reports no longer time out."));
    assertThat(currentTask()).hasDefinitionKey(TASK_MONITOR_RELEASE);
    complete(currentTask(), Map.of(REGRESSION_FOUND, regression,
        MONITORING_NOTES, regression ? "Imports broke after 7.24.1" : "Two weeks without a related error"));
  }

  private void taskServiceComplete(Map<String, Object> variables) {
    engine.getProcessEngine().getTaskService().complete(currentTask().getId(), variables);
  }

  /** The one open task (of the engineering instance: the callers in this test wait in a call activity). */
  private static org.camunda.bpm.engine.task.Task currentTask() {
    return taskQuery().singleResult();
  }

  /** Runs every due job (the async service tasks) until the process waits for a person again. */
  private void executeJobs() {
    List<Job> jobs;
    while (!(jobs = managementService().createJobQuery().executable().list()).isEmpty()) {
      jobs.forEach(job -> managementService().executeJob(job.getId()));
    }
  }
}
