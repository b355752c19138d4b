package dev.supportdesk.escalation.tier2;

import dev.supportdesk.escalation.support.ProcessTestEngine;
import static dev.supportdesk.escalation.support.ProcessJobs.executeDueJobs;
import static dev.supportdesk.escalation.support.ProcessJobs.fireTimer;
import static dev.supportdesk.escalation.tier2.Tier2Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseSettings;
import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.sla.SlaClock;
import dev.supportdesk.escalation.support.ProcessJobs;
import dev.supportdesk.escalation.support.RecordingCaseStatus;
import dev.supportdesk.escalation.support.RecordingNotifications;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/** Process test (scope 2) of processes/Tier2InvestigationProcess.bpmn, started as the case calls it. */
@Deployment(resources = {
    "processes/Tier2InvestigationProcess.bpmn",
    "forms/InvestigateAtTier2.form", "forms/AnalyseNetwork.form", "forms/AnalyseDatabase.form"})
class Tier2InvestigationProcessTest {

  static final String REFERENCE = "CASE-2026-TIER2X";
  static final Date SLA_DUE = Date.from(Instant.parse("2026-11-24T15:00:00Z"));
  static final String WAITING_FOR_CUSTOMER = CaseStatus.WAITING_FOR_CUSTOMER.name();

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  RecordingCaseStatus status;
  RecordingNotifications notifications;
  SlaClock slaClock;
  ProcessInstance instance;

  @BeforeEach
  void bindEngineAndMocks() {
    BpmnAwareTests.init(engine.getProcessEngine());
    status = new RecordingCaseStatus();
    notifications = new RecordingNotifications();
    Mocks.register("caseStatus", status);
    Mocks.register("notifyCustomer", notifications);
    Mocks.register("caseSettings", new CaseSettings(Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(14)));
    Mocks.register("validateTier2Investigation", new Tier2InvestigationValidator());
    Mocks.register("validateTeamAnalysis", new TeamAnalysisValidator());
    slaClock = mock(SlaClock.class);
    when(slaClock.dueDate(any(DelegateExecution.class))).thenReturn(SLA_DUE);
    Mocks.register("slaClock", slaClock);
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void resolvedInvestigationEndsWithOutcomeResolved() {
    instance = escalatedCase();
    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_AT_TIER2);
    assertThat(investigationTask()).hasCandidateGroup(Groups.TIER2).hasDueDate(SLA_DUE);
    assertThat(status.entered()).containsExactly(CaseStatus.IN_ANALYSIS);

    investigate("RESOLVE", Map.of());

    assertThat(instance).isEnded().hasPassed(END_RESOLVED)
        .variables().containsEntry(Tier2Contract.TIER2_OUTCOME, "RESOLVED");
  }

  @Test
  void escalationToEngineeringKeepsFindingsStepsAndWorkaround() {
    instance = escalatedCase();
    investigate("OFFER_WORKAROUND", Map.of(Tier2Contract.WORKAROUND, "Export in chunks of 40 pages"));

    investigate("ESCALATE_TO_ENGINEERING", Map.of(Tier2Contract.ESCALATION_REASON, "SOFTWARE_DEFECT",
        Tier2Contract.STEPS_TAKEN, "Profiled the renderer on staging"));

    assertThat(instance).isEnded().hasPassed(END_ESCALATED_TO_ENGINEERING).variables()
        .containsEntry(Tier2Contract.TIER2_OUTCOME, "ENGINEERING")
        .containsEntry(Tier2Contract.TIER2_FINDINGS, "Renderer keeps every page in memory")
        .containsEntry(Tier2Contract.STEPS_TAKEN, "Profiled the renderer on staging")
        .containsEntry(Tier2Contract.WORKAROUND, "Export in chunks of 40 pages")
        .containsEntry(Tier2Contract.ESCALATION_REASON, "SOFTWARE_DEFECT");
  }

  @Test
  void workaroundIsSentToTheCustomerAndTheInvestigationGoesOn() {
    instance = escalatedCase();
    investigate("OFFER_WORKAROUND", Map.of(Tier2Contract.WORKAROUND, "Export in chunks of 40 pages"));

    assertThat(notifications.kinds()).containsExactly(NotificationKind.WORKAROUND_AVAILABLE);
    assertThat(status.current()).isEqualTo(CaseStatus.WORKAROUND_AVAILABLE);
    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_AT_TIER2).hasPassed(TASK_NOTIFY_WORKAROUND_AVAILABLE);
  }

  @Test
  void networkOperationsAloneIsAskedWhenOnlyItIsTicked() {
    instance = escalatedCase();
    investigate("INVOLVE_TEAMS", Map.of(INVOLVE_NETWORK_OPERATIONS, true));

    assertThat(instance).isWaitingAt(TASK_ANALYSE_NETWORK).isNotWaitingAt(TASK_ANALYSE_DATABASE);
    Task network = taskAt(TASK_ANALYSE_NETWORK);
    assertThat(network).hasCandidateGroup(Groups.NETWORK_OPERATIONS).hasDueDate(SLA_DUE);
    complete(network, Map.of(NETWORK_ANALYSIS_RESULT, "No packet loss; proxy timeout is 60 s"));

    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_AT_TIER2)
        .variables().containsEntry(NETWORK_ANALYSIS_RESULT, "No packet loss; proxy timeout is 60 s")
        .containsEntry(INVOLVE_DATABASE_ADMINISTRATORS, false);
  }

  @Test
  void bothTeamsAnalyseInParallelAndTier2ContinuesWhenBothAnswered() {
    instance = escalatedCase();
    investigate("INVOLVE_TEAMS", Map.of(INVOLVE_NETWORK_OPERATIONS, true, INVOLVE_DATABASE_ADMINISTRATORS, true));

    assertThat(instance).isWaitingAt(TASK_ANALYSE_NETWORK, TASK_ANALYSE_DATABASE);
    Task database = taskAt(TASK_ANALYSE_DATABASE);
    assertThat(database).hasCandidateGroup(Groups.DATABASE_ADMINISTRATORS).hasDueDate(SLA_DUE);
    complete(database, Map.of(DATABASE_ANALYSIS_RESULT, "Report query takes 55 s without an index"));
    assertThat(instance).isWaitingAt(TASK_ANALYSE_NETWORK).isNotWaitingAt(TASK_INVESTIGATE_AT_TIER2);
    complete(taskAt(TASK_ANALYSE_NETWORK), Map.of(NETWORK_ANALYSIS_RESULT, "Proxy timeout is 60 s"));

    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_AT_TIER2).variables()
        .containsEntry(DATABASE_ANALYSIS_RESULT, "Report query takes 55 s without an index")
        .containsEntry(NETWORK_ANALYSIS_RESULT, "Proxy timeout is 60 s");
  }

  @Test
  void involvingTeamsWithoutATeamIsRejected() {
    instance = escalatedCase();
    assertThatThrownBy(() -> investigate("INVOLVE_TEAMS", Map.of()))
        .hasMessageContaining("at least one team")
        .hasRootCauseInstanceOf(InvalidTaskInputException.class);
    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_AT_TIER2);
  }

  @Test
  void customerReplyToARequestForInformationResumesTheInvestigation() {
    instance = escalatedCase();
    requestInformation();
    assertThat(instance).isWaitingAt(TASK_AWAIT_CUSTOMER_INFORMATION);
    assertThat(notifications.kinds()).containsExactly(NotificationKind.INFORMATION_REQUESTED);
    assertThat(status.current()).isEqualTo(CaseStatus.WAITING_FOR_CUSTOMER);
    verify(slaClock).pause(any(DelegateExecution.class), eq(WAITING_FOR_CUSTOMER));
    verify(slaClock, never()).resume(any(DelegateExecution.class));

    replyAsCustomer();

    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_AT_TIER2)
        .variables().containsEntry(CaseMessages.CUSTOMER_REPLY, "Logs attached, export of 61 pages fails");
    assertThat(status.current()).isEqualTo(CaseStatus.IN_ANALYSIS);
    InOrder clock = inOrder(slaClock);
    clock.verify(slaClock).pause(any(DelegateExecution.class), eq(WAITING_FOR_CUSTOMER));
    clock.verify(slaClock).resume(any(DelegateExecution.class));
  }

  @Test
  void customerIsRemindedOnceAndCanStillReply() {
    instance = escalatedCase();
    Date askedAt = new Date();
    requestInformation();
    assertThat(ProcessJobs.dueIn(BOUNDARY_INFORMATION_REMINDER, askedAt))
        .isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3).plusMinutes(1));

    fireTimer(BOUNDARY_INFORMATION_REMINDER);

    assertThat(notifications.kinds()).containsExactly(NotificationKind.INFORMATION_REQUESTED,
        NotificationKind.INFORMATION_REMINDER);
    assertThat(instance).isWaitingAt(TASK_AWAIT_CUSTOMER_INFORMATION).hasPassed(END_REMINDER_SENT);
    assertThat(ProcessJobs.timerAt(BOUNDARY_INFORMATION_REMINDER)).isNull();
    verify(slaClock, never()).resume(any(DelegateExecution.class));

    replyAsCustomer();
    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_AT_TIER2);
    verify(slaClock).pause(any(DelegateExecution.class), eq(WAITING_FOR_CUSTOMER));
    verify(slaClock).resume(any(DelegateExecution.class));
  }

  @Test
  void caseClosesWithoutReplyWhenTheCustomerNeverAnswers() {
    instance = escalatedCase();
    Date askedAt = new Date();
    requestInformation();
    assertThat(ProcessJobs.dueIn(BOUNDARY_INFORMATION_TIMEOUT, askedAt))
        .isBetween(Duration.ofDays(14).minusMinutes(1), Duration.ofDays(14).plusMinutes(1));

    fireTimer(BOUNDARY_INFORMATION_TIMEOUT);

    assertThat(instance).isEnded().hasPassed(END_CLOSED_WITHOUT_REPLY)
        .variables().containsEntry(Tier2Contract.TIER2_OUTCOME, "CLOSED_NO_REPLY");
    assertThat(notifications.kinds()).containsExactly(NotificationKind.INFORMATION_REQUESTED,
        NotificationKind.CLOSED_WITHOUT_REPLY);
    assertThat(status.current()).isEqualTo(CaseStatus.CLOSED);
    InOrder clock = inOrder(slaClock);
    clock.verify(slaClock).pause(any(DelegateExecution.class), eq(WAITING_FOR_CUSTOMER));
    clock.verify(slaClock).resume(any(DelegateExecution.class));
  }

  // --- helpers ------------------------------------------------------------------------------------

  /** A case escalated by Tier 1, started the way the support case calls this process. */
  static ProcessInstance escalatedCase() {
    return runtimeService().startProcessInstanceByKey(Tier2Contract.PROCESS_ID, REFERENCE, Map.of(
        CaseVariables.SUMMARY, "Export to PDF fails with timeout",
        "tier1Findings", "Reproduced with a 60-page report"));
  }

  void investigate(String nextAction, Map<String, Object> details) {
    Map<String, Object> variables = new HashMap<>(Map.of(
        REANALYSIS, "Tier 1 evidence confirmed on 4.2.1",
        REPLICATED_IN_TEST_ENVIRONMENT, "YES",
        Tier2Contract.TIER2_FINDINGS, "Renderer keeps every page in memory",
        NEXT_ACTION, nextAction));
    variables.putAll(details);
    complete(investigationTask(), variables);
    executeDueJobs();
  }

  void requestInformation() {
    investigate("REQUEST_INFORMATION", Map.of(INFORMATION_REQUEST, "Please send the server log of a failed export"));
  }

  void replyAsCustomer() {
    runtimeService().createMessageCorrelation(CaseMessages.CUSTOMER_INFORMATION_RECEIVED)
        .processInstanceBusinessKey(REFERENCE)
        .setVariable(CaseMessages.CUSTOMER_REPLY, "Logs attached, export of 61 pages fails")
        .correlate();
    executeDueJobs();
  }

  Task investigationTask() {
    return taskAt(TASK_INVESTIGATE_AT_TIER2);
  }

  static Task taskAt(String taskDefinitionKey) {
    return taskQuery().taskDefinitionKey(taskDefinitionKey).singleResult();
  }
}
