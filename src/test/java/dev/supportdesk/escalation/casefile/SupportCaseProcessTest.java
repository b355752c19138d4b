package dev.supportdesk.escalation.casefile;

import dev.supportdesk.escalation.support.ProcessTestEngine;
import static dev.supportdesk.escalation.casefile.SupportCaseElements.*;
import static dev.supportdesk.escalation.support.ProcessJobs.executeDueJobs;
import static dev.supportdesk.escalation.support.ProcessJobs.fireTimer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.conversation.ConversationVariables;
import dev.supportdesk.escalation.conversation.ConversationVariables.MessageKind;
import dev.supportdesk.escalation.conversation.CustomerMessageRouting;
import dev.supportdesk.escalation.conversation.ReadCustomerMessageValidator;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.feature.FeatureRequestContract;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotifyCustomerDelegate;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.sla.SlaClock;
import dev.supportdesk.escalation.support.ProcessJobs;
import dev.supportdesk.escalation.support.RecordingCaseStatus;
import dev.supportdesk.escalation.problem.ProblemLinks;
import dev.supportdesk.escalation.problem.ProblemVariables;
import dev.supportdesk.escalation.support.RecordingNotifications;
import dev.supportdesk.escalation.tier1.KnowledgeArticleValidator;
import dev.supportdesk.escalation.tier1.ResolutionValidator;
import dev.supportdesk.escalation.tier1.Tier1AnalysisValidator;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
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

/**
 * Process test (scope 2) of processes/SupportCaseProcess.bpmn with the real priority table. The called
 * processes are stand-ins (src/test/resources/stubs) whose tasks the test completes with the outcome
 * it needs; Tier2InvestigationProcess has its own test.
 */
@Deployment(resources = {
    "processes/SupportCaseProcess.bpmn", "processes/CasePriority.dmn",
    "forms/OpenCase.form", "forms/AnalyseAtTier1.form", "forms/CommunicateResolution.form",
    "forms/UpdateKnowledgeBase.form", "forms/ReadCustomerMessage.form",
    "stubs/Tier2InvestigationStub.bpmn", "stubs/EngineeringStub.bpmn", "stubs/FeatureRequestStub.bpmn"})
class SupportCaseProcessTest {

  static final String REFERENCE = "CASE-2026-TEST01";
  static final String TIER2_STUB_TASK = "Task_StubTier2Decides";
  static final String ENGINEERING_TRIAGE_STUB_TASK = "Task_StubTriage";
  static final String ENGINEERING_RELEASE_STUB_TASK = "Task_StubReleaseShips";
  static final String FEATURE_EVALUATION_STUB_TASK = "Task_StubEvaluate";
  static final String FEATURE_REVIEW_STUB_TASK = "Task_StubTier3Review";
  static final Date SLA_DUE = Date.from(Instant.parse("2026-11-24T15:00:00Z"));
  static final String WAITING_FOR_CUSTOMER = CaseStatus.WAITING_FOR_CUSTOMER.name();

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  RecordingCaseStatus status;
  RecordingNotifications notifications;
  /** One problem, many cases: linking, unlinking and whether the linked ticket settled already. */
  ProblemLinks problemLinks;
  /** The case's SLA clock; start and recompute record what the case knew when they were called. */
  SlaClock slaClock;
  final List<String> businessKeysAtStart = new ArrayList<>();
  final List<Object> prioritiesAtRecompute = new ArrayList<>();

  @BeforeEach
  void bindEngineAndMocks() throws Exception {
    // a @SpringBootTest that ran earlier in this JVM must not leave its engine bound to this thread
    BpmnAwareTests.init(engine.getProcessEngine());
    status = new RecordingCaseStatus();
    notifications = new RecordingNotifications();
    Mocks.register("caseStatus", status);
    Mocks.register("notifyCustomer", notifications);
    Mocks.register("assignCaseReference", (ExecutionListener) execution -> {
      if (execution.getProcessBusinessKey() == null) {
        execution.setProcessBusinessKey(REFERENCE);
      }
    });
    // the customer API names the customer; a case opened in Tasklist is named by intake/CaseCustomerListener
    Mocks.register("caseCustomer", (ExecutionListener) execution -> { });
    Mocks.register("knownArticles", org.mockito.Mockito.mock(dev.supportdesk.escalation.knowledge.KnownArticles.class));
    problemLinks = mock(ProblemLinks.class);
    Mocks.register("problemLinks", problemLinks);
    Mocks.register("sanitiseEngineeringHandOff", (JavaDelegate) this::sanitise);
    Mocks.register("caseSettings", new CaseSettings(Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(14)));
    Mocks.register("validateTier1Analysis", new Tier1AnalysisValidator());
    Mocks.register("validateResolution", new ResolutionValidator());
    Mocks.register("validateKnowledgeArticle", new KnowledgeArticleValidator());
    Mocks.register("customerMessageRouting", new CustomerMessageRouting());
    Mocks.register("readCustomerMessageValidator", new ReadCustomerMessageValidator());
    slaClock = mock(SlaClock.class);
    when(slaClock.dueDate(any(DelegateExecution.class))).thenReturn(SLA_DUE);
    doAnswer(call -> businessKeysAtStart.add(call.<DelegateExecution>getArgument(0).getProcessBusinessKey()))
        .when(slaClock).start(any(DelegateExecution.class));
    doAnswer(call -> prioritiesAtRecompute.add(call.<DelegateExecution>getArgument(0).getVariable(CaseVariables.PRIORITY)))
        .when(slaClock).recompute(any(DelegateExecution.class));
    Mocks.register("slaClock", slaClock);
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  // --- Tier 1 -------------------------------------------------------------------------------------

  @Test
  void caseResolvedAtTier1IsClosedWhenTheCustomerAcceptsTheResolution() {
    ProcessInstance instance = startCase(Map.of(CaseVariables.IMPACT, "HIGH", CaseVariables.URGENCY, "HIGH"));

    assertThat(instance).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1).hasBusinessKey(REFERENCE)
        .variables().containsEntry(CaseVariables.PRIORITY, "P0");
    assertThat(task()).hasCandidateGroup(Groups.TIER1).hasDueDate(SLA_DUE);
    assertThat(businessKeysAtStart).containsExactly(REFERENCE);
    assertThat(prioritiesAtRecompute).as("targets decided again once the priority is known").containsExactly("P0");

    completeTier1Analysis("RESOLVED");
    // finishing the analysis tells the customer nothing: no first response yet (the resolution will be one)
    verify(slaClock, never()).firstResponse(any(DelegateExecution.class));
    assertThat(task()).hasDefinitionKey(Tier1Variables.TASK_COMMUNICATE_RESOLUTION).hasDueDate(SLA_DUE);
    verify(slaClock, never()).resolved(any(DelegateExecution.class));
    completeResolution();
    verify(slaClock).resolved(any(DelegateExecution.class));
    answerResolution(true);
    // the case is closed and the customer told so while the article is still being written
    assertThat(instance).isWaitingAt(Tier1Variables.TASK_UPDATE_KNOWLEDGE_BASE).hasPassed(END_CASE_CLOSED);
    assertThat(notifications.kinds()).endsWith(NotificationKind.CASE_CLOSED);
    assertThat(status.entered()).endsWith(CaseStatus.CLOSED);
    completeKnowledgeArticle();

    assertThat(instance).isEnded().hasPassed(EVENT_RESOLUTION_RESPONSE_RECEIVED, END_CASE_CLOSED);
    assertThat(notifications.kinds()).containsExactly(NotificationKind.CASE_RECEIVED,
        NotificationKind.RESOLUTION_PROPOSED, NotificationKind.CASE_CLOSED);
    assertThat(status.entered()).containsExactly(CaseStatus.RECEIVED, CaseStatus.IN_ANALYSIS,
        CaseStatus.RESOLVED, CaseStatus.CLOSED);
    assertThat(historicValue(instance, Tier1Variables.KNOWLEDGE_ARTICLE_TITLE)).isEqualTo("Export timeout on large reports");
    InOrder clock = inOrder(slaClock);
    clock.verify(slaClock).start(any(DelegateExecution.class));
    clock.verify(slaClock).recompute(any(DelegateExecution.class));
    clock.verify(slaClock).resolved(any(DelegateExecution.class));
    clock.verify(slaClock).pause(any(DelegateExecution.class), eq(WAITING_FOR_CUSTOMER));
    clock.verify(slaClock).resume(any(DelegateExecution.class));
    clock.verify(slaClock).resolved(any(DelegateExecution.class)); // the closing end event; a no-op by then
    verify(slaClock).start(any(DelegateExecution.class));
    verify(slaClock, never()).handOver(any(DelegateExecution.class), eq(Groups.TIER2));
  }

  @Test
  void caseIsWorkedAndClosedWhileTheReceiptMailFailsAndEndsOnceTheMailIsSent() {
    boolean[] mailServerDown = {true};
    Mocks.register("notifyCustomer", (JavaDelegate) execution -> {
      if (mailServerDown[0] && NotificationKind.CASE_RECEIVED.name().equals(execution.getVariableLocal(NotifyCustomerDelegate.KIND_PARAMETER))) {
        throw new IllegalStateException("SMTP server unreachable");
      }
      notifications.execute(execution);
    });
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, REFERENCE,
        caseVariables(Map.of()));
    Job receiptMail = managementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(TASK_NOTIFY_CASE_RECEIVED).singleResult();

    int attempts = 0;
    while (managementService().createJobQuery().jobId(receiptMail.getId()).singleResult().getRetries() > 0
        && attempts < 10) {
      assertThatThrownBy(() -> managementService().executeJob(receiptMail.getId()))
          .hasMessageContaining("SMTP server unreachable");
      attempts++;
    }
    System.out.println("Receipt mail attempts until the incident: " + attempts);
    assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId())
        .activityId(TASK_NOTIFY_CASE_RECEIVED).count()).isOne();
    assertThat(instance).isWaitingAt(TASK_NOTIFY_CASE_RECEIVED, Tier1Variables.TASK_ANALYSE_AT_TIER1)
        .hasPassed(TASK_DETERMINE_PRIORITY);
    assertThat(task()).hasCandidateGroup(Groups.TIER1);

    completeTier1Analysis("RESOLVED");
    completeResolution();
    answerResolution(true);
    completeKnowledgeArticle();

    assertThat(instance).as("closed for the customer, but the receipt mail is still owed")
        .isNotEnded().hasPassed(END_CASE_CLOSED).isWaitingAt(TASK_NOTIFY_CASE_RECEIVED);
    assertThat(status.entered()).endsWith(CaseStatus.CLOSED);
    assertThat(notifications.kinds()).containsExactly(NotificationKind.RESOLUTION_PROPOSED, NotificationKind.CASE_CLOSED);

    mailServerDown[0] = false;
    managementService().setJobRetries(receiptMail.getId(), 1); // what the operator's retry in Cockpit does
    managementService().executeJob(receiptMail.getId()); // the job executor would, once the retry gap is over
    executeDueJobs();

    assertThat(instance).isEnded().hasPassed(END_CUSTOMER_NOTIFIED_OF_RECEIPT);
    assertThat(notifications.kinds()).containsExactly(NotificationKind.RESOLUTION_PROPOSED,
        NotificationKind.CASE_CLOSED, NotificationKind.CASE_RECEIVED);
  }

  @Test
  void caseStartedWithoutReferenceGetsOneAndStandardPriority() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID,
        Map.of(CaseVariables.SUMMARY, "Export fails", CaseVariables.DESCRIPTION, "Every export times out"));
    executeDueJobs();

    assertThat(instance).hasBusinessKey(REFERENCE).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1)
        .variables().containsEntry(CaseVariables.PRIORITY, "P2");
    assertThat(businessKeysAtStart).as("the clock starts after the case got its reference").containsExactly(REFERENCE);
  }

  @Test
  void caseOpenedInTasklistIsPrioritisedByTheImpactAndUrgencyOfItsStartForm() throws Exception {
    String definitionId = repositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).singleResult().getId();
    List<String> requiredFields = new ArrayList<>();
    try (InputStream form = formService().getDeployedStartForm(definitionId)) {
      new ObjectMapper().readTree(form).path("components").forEach(field -> {
        if (field.path("validate").path("required").asBoolean()) {
          requiredFields.add(field.path("key").asText());
        }
      });
    }
    assertThat(requiredFields).as("the form Tasklist shows asks for both")
        .contains(CaseVariables.IMPACT, CaseVariables.URGENCY);

    // what Tasklist's "Start process" submits (POST /engine-rest/process-definition/{id}/submit-form)
    ProcessInstance instance = formService().submitStartForm(definitionId, Map.of(
        CaseVariables.SUMMARY, "Checkout is down", CaseVariables.DESCRIPTION, "No order has gone through since 9:00",
        CaseVariables.IMPACT, "CRITICAL", CaseVariables.URGENCY, "HIGH"));
    executeDueJobs();

    assertThat(instance).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1)
        .variables().containsEntry(CaseVariables.PRIORITY, "P0");
    assertThat(prioritiesAtRecompute).as("the SLA targets follow the form's rating").containsExactly("P0");
  }

  @Test
  void tier1AnalysisWithoutOutcomeIsRejectedAndTheTaskStaysOpen() {
    ProcessInstance instance = startCase(Map.of());
    Map<String, Object> incomplete = tier1Analysis("RESOLVED");
    incomplete.remove(Tier1Variables.TIER1_OUTCOME);

    assertThatThrownBy(() -> complete(task(), incomplete))
        .hasMessageContaining("Task 'Analyse case at Tier 1' cannot be completed: Outcome must be one of")
        .hasRootCauseInstanceOf(InvalidTaskInputException.class);
    assertThat(instance).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1);
  }

  @Test
  void proposedResolutionClosesItselfWhenTheCustomerNeverAnswers() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("RESOLVED");
    Date proposedAt = new Date();
    completeResolution();

    assertThat(ProcessJobs.dueIn(EVENT_AUTO_CLOSE_ELAPSED, proposedAt))
        .isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7).plusMinutes(1));
    fireTimer(EVENT_AUTO_CLOSE_ELAPSED);
    completeKnowledgeArticle();

    assertThat(instance).isEnded().hasPassed(EVENT_AUTO_CLOSE_ELAPSED, END_CASE_CLOSED)
        .hasNotPassed(EVENT_RESOLUTION_RESPONSE_RECEIVED);
    assertThat(status.current()).isEqualTo(CaseStatus.CLOSED);
    InOrder clock = inOrder(slaClock);
    clock.verify(slaClock).pause(any(DelegateExecution.class), eq(WAITING_FOR_CUSTOMER));
    clock.verify(slaClock).resume(any(DelegateExecution.class));
  }

  @Test
  void objectionToATier1ResolutionReopensTheCaseAtTier1() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("RESOLVED");
    completeResolution();

    answerResolution(false);

    assertThat(instance).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1)
        .variables().containsEntry(CaseMessages.OBJECTION_REASON, "Still fails with 80 pages");
    assertThat(notifications.kinds()).endsWith(NotificationKind.CASE_REOPENED);
    assertThat(status.current()).isEqualTo(CaseStatus.IN_ANALYSIS);
    assertThat(taskQuery().taskDefinitionKey(Tier1Variables.TASK_ANALYSE_AT_TIER1).count()).isOne();
    InOrder clock = inOrder(slaClock);
    clock.verify(slaClock).resolved(any(DelegateExecution.class));
    clock.verify(slaClock).pause(any(DelegateExecution.class), eq(WAITING_FOR_CUSTOMER));
    clock.verify(slaClock).resume(any(DelegateExecution.class));
  }

  // --- One problem, many cases: a case linked to another case's engineering ticket ------------------

  @Test
  void caseLinkedToAKnownTicketWaitsOnItWithoutAnEngineeringRunAndIsSolvedWhenItsReleaseIsPlanned() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis(LINK);
    verify(problemLinks).link(any(DelegateTask.class));

    assertThat(instance).isWaitingAt(ProblemVariables.TASK_NOTIFY_LINKED_TO_KNOWN_ISSUE);
    executeDueJobs();
    verify(problemLinks).tellCurrentStatus(any(DelegateExecution.class));
    assertThat(instance).isWaitingAt(ProblemVariables.TASK_FOLLOW_LINKED_TICKET)
        .hasNotPassed("Task_SanitiseEngineeringHandOff", "CallActivity_Engineering");
    assertThat(task()).hasCandidateGroup(Groups.TIER1);
    verify(slaClock).handOver(any(DelegateExecution.class), eq("engineering"));

    // the lead case's engineering run planned the fix: every linked case is solved the same way
    runtimeService().createMessageCorrelation(ProblemVariables.MESSAGE_LINKED_TICKET_SETTLED)
        .processInstanceBusinessKey(REFERENCE)
        .setVariable(ProblemVariables.LINKED_TICKET_OUTCOME, "SOLVED_PLANNED_FOR_RELEASE").correlate();
    executeDueJobs();

    assertThat(instance).hasPassed(ProblemVariables.EVENT_LINKED_TICKET_SETTLED, "Task_NotifySolvedPlannedForRelease")
        .isWaitingAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
    assertThat(notifications.kinds()).containsExactly(NotificationKind.CASE_RECEIVED,
        NotificationKind.LINKED_TO_KNOWN_ISSUE, NotificationKind.SOLVED_PLANNED_FOR_RELEASE);
    verify(slaClock).resolved(any(DelegateExecution.class));
    verify(problemLinks, never()).unlink(any(DelegateTask.class));
  }

  @Test
  void linkedCaseGoesToTheResolutionWhenTheHotfixIsReleased() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis(LINK);
    executeDueJobs();

    runtimeService().createMessageCorrelation(ProblemVariables.MESSAGE_LINKED_TICKET_SETTLED)
        .processInstanceBusinessKey(REFERENCE)
        .setVariable(ProblemVariables.LINKED_TICKET_OUTCOME, "HOTFIX_RELEASED").correlate();

    assertThat(instance).hasPassed(ProblemVariables.EVENT_LINKED_TICKET_SETTLED, "Gateway_LinkedTicketOutcome")
        .hasNotPassed("Gateway_SolvedPlannedMerge", "Task_NotifySolvedPlannedForRelease")
        .isWaitingAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
    completeResolution();
    assertThat(notifications.kinds()).containsExactly(NotificationKind.CASE_RECEIVED,
        NotificationKind.LINKED_TO_KNOWN_ISSUE, NotificationKind.RESOLUTION_PROPOSED);
  }

  @Test
  void aTicketThatSettledBeforeTheCaseWaitedLetsTheCaseGoOnAtOnce() {
    when(problemLinks.settledAs(any(DelegateExecution.class))).thenReturn("HOTFIX_RELEASED");
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis(LINK);
    executeDueJobs();
    assertThat(instance).hasPassed("Gateway_LinkedTicketSettled")
        .hasNotPassed(ProblemVariables.TASK_FOLLOW_LINKED_TICKET, "Gateway_SolvedPlannedMerge").isWaitingAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
  }

  @Test
  void unlinkedCaseComesBackToTier1AndMayBeLinkedToATicketPlannedForReleaseAlready() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis(LINK);
    executeDueJobs();

    complete(taskAt(ProblemVariables.TASK_FOLLOW_LINKED_TICKET),
        Map.of(ProblemVariables.UNLINK_REASON, "A different defect: the export fails before the timeout"));
    verify(problemLinks).unlink(any(DelegateTask.class));
    assertThat(instance).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1);

    when(problemLinks.settledAs(any(DelegateExecution.class))).thenReturn("SOLVED_PLANNED_FOR_RELEASE");
    completeTier1Analysis(LINK);
    executeDueJobs();
    assertThat(instance).hasPassed("Gateway_SolvedPlannedMerge", "Task_NotifySolvedPlannedForRelease")
        .isWaitingAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
  }

  @Test
  void linkingNeedsTheTicketAndTheKnownIssuesChecked() {
    startCase(Map.of());
    Map<String, Object> analysis = tier1Analysis(Tier1Variables.Outcome.LINK_TO_TICKET.name());
    analysis.put(Tier1Variables.KNOWN_ISSUES_CHECKED, false);
    analysis.remove(ProblemVariables.LINKED_TICKET);
    assertThatThrownBy(() -> complete(taskAt(Tier1Variables.TASK_ANALYSE_AT_TIER1), analysis))
        .hasMessageContaining("Engineering ticket is required")
        .hasMessageContaining("Linking to a known engineering ticket needs the known issues checked");
    verify(problemLinks, never()).link(any(DelegateTask.class));
  }

  // --- Tier 2 -------------------------------------------------------------------------------------

  @Test
  void caseEscalatedToTier2IsInvestigatedUnderItsReferenceAndResolved() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("ESCALATE_TO_TIER2");

    ProcessInstance tier2 = calledInstance(Tier2Contract.PROCESS_ID);
    assertThat(tier2).hasBusinessKey(REFERENCE).isWaitingAt(TIER2_STUB_TASK)
        .variables().containsEntry(Tier1Variables.TIER1_FINDINGS, "Reproduced with a 60-page report")
        .containsEntry(CaseVariables.CUSTOMER_EMAIL, "jane@example.org");

    verify(slaClock).handOver(any(DelegateExecution.class), eq(Groups.TIER2));
    verify(slaClock, never()).handOver(any(DelegateExecution.class), eq(Groups.TIER1));

    finishTier2("RESOLVED");
    assertThat(instance).isWaitingAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION)
        .variables().containsEntry(Tier2Contract.ROOT_CAUSE, "Report renderer loads all pages at once");
    InOrder handOvers = inOrder(slaClock);
    handOvers.verify(slaClock).handOver(any(DelegateExecution.class), eq(Groups.TIER2));
    handOvers.verify(slaClock, times(2)).handOver(any(DelegateExecution.class), eq(Groups.TIER1));
    completeResolution();
    answerResolution(true);
    completeKnowledgeArticle();

    assertThat(instance).isEnded().hasPassed(CALL_TIER2_INVESTIGATION, END_CASE_CLOSED);
  }

  @Test
  void objectionToATier2ResolutionReopensTheCaseAtTier2() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("ESCALATE_TO_TIER2");
    finishTier2("RESOLVED");
    completeResolution();

    answerResolution(false);

    assertThat(instance).isWaitingAt(CALL_TIER2_INVESTIGATION);
    assertThat(calledInstance(Tier2Contract.PROCESS_ID)).isWaitingAt(TIER2_STUB_TASK)
        .variables().containsEntry(CaseMessages.OBJECTION_REASON, "Still fails with 80 pages");
    assertThat(notifications.kinds()).endsWith(NotificationKind.CASE_REOPENED);
  }

  @Test
  void caseWhoseCustomerNeverAnsweredTier2IsClosedWithoutResolution() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("ESCALATE_TO_TIER2");

    finishTier2("CLOSED_NO_REPLY");

    assertThat(instance).isEnded().hasPassed(END_CASE_CLOSED_WITHOUT_REPLY)
        .hasNotPassed(Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
    verify(slaClock).resolved(any(DelegateExecution.class));
  }

  // --- Engineering --------------------------------------------------------------------------------

  @Test
  void engineeringReceivesOnlyTheSanitisedHandOffUnderTheCaseReference() {
    ProcessInstance instance = startCase(Map.of(CaseVariables.IMPACT, "MEDIUM", CaseVariables.URGENCY, "HIGH"));
    completeTier1Analysis("ESCALATE_TO_TIER2");

    finishTier2("ENGINEERING");

    assertThat(instance).hasPassed(TASK_SANITISE_ENGINEERING_HAND_OFF).isWaitingAt(CALL_ENGINEERING);
    InOrder handOvers = inOrder(slaClock);
    handOvers.verify(slaClock).handOver(any(DelegateExecution.class), eq(Groups.TIER2));
    handOvers.verify(slaClock).handOver(any(DelegateExecution.class), eq(Groups.TIER1));
    handOvers.verify(slaClock).handOver(any(DelegateExecution.class), eq(Groups.ENGINEERING));
    ProcessInstance engineering = calledInstance(EngineeringContract.PROCESS_ID);
    assertThat(engineering).hasBusinessKey(REFERENCE);
    Map<String, Object> handedOver = runtimeService().getVariables(engineering.getId());
    assertThat(handedOver.keySet()).containsExactlyInAnyOrder(
        EngineeringContract.ENGINEERING_SUMMARY, EngineeringContract.ENGINEERING_DESCRIPTION,
        CaseVariables.PRODUCT, CaseVariables.PRODUCT_VERSION, CaseVariables.PRIORITY, CaseVariables.CASE_TYPE);
    assertThat(handedOver).containsEntry(CaseVariables.PRIORITY, "P1")
        .containsEntry(EngineeringContract.ENGINEERING_SUMMARY, "Export stops after 60 s (sanitised)");
  }

  @Test
  void hotfixReleasedByEngineeringLeadsToTheResolution() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("ESCALATE_TO_TIER2");
    finishTier2("ENGINEERING");

    completeStubTask(ENGINEERING_TRIAGE_STUB_TASK, Map.of("planForRelease", false,
        EngineeringContract.ENGINEERING_OUTCOME, "HOTFIX_RELEASED", EngineeringContract.TICKET_KEY, "ENG-42"));

    assertThat(instance).isWaitingAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION)
        .variables().containsEntry(EngineeringContract.TICKET_KEY, "ENG-42");
    completeResolution();
    answerResolution(true);
    completeKnowledgeArticle();
    assertThat(instance).isEnded().hasPassed(END_CASE_CLOSED).hasNotPassed(BOUNDARY_SOLVED_PLANNED_FOR_RELEASE);
  }

  @Test
  void fixPlannedForAReleaseSolvesTheCaseOnceWhileEngineeringGoesOn() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("ESCALATE_TO_TIER2");
    finishTier2("ENGINEERING");

    completeStubTask(ENGINEERING_TRIAGE_STUB_TASK, Map.of("planForRelease", true));

    assertThat(instance).isWaitingAt(CALL_ENGINEERING, Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
    assertThat(notifications.kinds()).endsWith(NotificationKind.SOLVED_PLANNED_FOR_RELEASE);
    assertThat(status.entered()).contains(CaseStatus.SOLVED_PLANNED_FOR_RELEASE);
    verify(slaClock).resolved(any(DelegateExecution.class));

    completeResolution();
    answerResolution(true);
    completeKnowledgeArticle();
    assertThat(instance).hasPassed(END_CASE_CLOSED).isWaitingAt(CALL_ENGINEERING);

    completeStubTask(ENGINEERING_RELEASE_STUB_TASK, Map.of(
        EngineeringContract.ENGINEERING_OUTCOME, "SCHEDULED_RELEASED", EngineeringContract.RELEASE_NOTES, "4.3: exports stream pages"));

    assertThat(instance).isEnded().hasPassed(END_SCHEDULED_FIX_RELEASED);
    // solved planned for release, resolution proposed, case closed, planned fix released
    verify(slaClock, times(4)).resolved(any(DelegateExecution.class));
    assertThat(timesPassed(instance, Tier1Variables.TASK_COMMUNICATE_RESOLUTION)).isOne();
    assertThat(notifications.kinds()).containsOnlyOnce(NotificationKind.RESOLUTION_PROPOSED, NotificationKind.CASE_CLOSED);
  }

  @Test
  void defectEngineeringRejectsGoesBackToTier2() {
    ProcessInstance instance = startCase(Map.of());
    completeTier1Analysis("ESCALATE_TO_TIER2");
    finishTier2("ENGINEERING");

    completeStubTask(ENGINEERING_TRIAGE_STUB_TASK, Map.of("planForRelease", false,
        EngineeringContract.ENGINEERING_OUTCOME, "NOT_A_DEFECT"));

    assertThat(instance).isWaitingAt(CALL_TIER2_INVESTIGATION);
    assertThat(timesPassed(instance, CALL_TIER2_INVESTIGATION)).isEqualTo(2);
    assertThat(calledInstance(Tier2Contract.PROCESS_ID)).hasBusinessKey(REFERENCE).isWaitingAt(TIER2_STUB_TASK);
  }

  // --- Feature requests ---------------------------------------------------------------------------

  @Test
  void decidedFeatureRequestSolvesTheCaseOnceWhileTier3ReviewGoesOn() {
    ProcessInstance instance = startCase(Map.of(CaseVariables.CASE_TYPE, "FEATURE_REQUEST"));
    assertThat(instance).variables().containsEntry(CaseVariables.PRIORITY, "P3");
    completeTier1Analysis("FEATURE_REQUEST");

    ProcessInstance feature = calledInstance(FeatureRequestContract.PROCESS_ID);
    assertThat(feature).hasBusinessKey(REFERENCE).variables()
        .containsEntry(CaseVariables.SUMMARY, "Export to PDF fails with timeout")
        .containsEntry(CaseVariables.ORGANISATION_ID, "org-acme")
        .doesNotContainKey(CaseVariables.CUSTOMER_EMAIL);

    verify(slaClock, never()).resolved(any(DelegateExecution.class));
    completeStubTask(FEATURE_EVALUATION_STUB_TASK, Map.of("decided", true));
    assertThat(instance).isWaitingAt(CALL_FEATURE_REQUEST, Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
    verify(slaClock).resolved(any(DelegateExecution.class));
    completeResolution();
    answerResolution(true);
    completeKnowledgeArticle();
    assertThat(instance).hasPassed(END_CASE_CLOSED).isWaitingAt(CALL_FEATURE_REQUEST);

    completeStubTask(FEATURE_REVIEW_STUB_TASK, Map.of(FeatureRequestContract.FEATURE_DECISION, "ACCEPTED"));

    assertThat(instance).isEnded().hasPassed(END_FEATURE_REQUEST_COMPLETED)
        .variables().containsEntry(FeatureRequestContract.FEATURE_DECISION, "ACCEPTED");
    assertThat(timesPassed(instance, Tier1Variables.TASK_COMMUNICATE_RESOLUTION)).isOne();
  }

  @Test
  void featureRequestWithdrawnBeforeADecisionGoesToTheResolution() {
    ProcessInstance instance = startCase(Map.of(CaseVariables.CASE_TYPE, "FEATURE_REQUEST"));
    completeTier1Analysis("FEATURE_REQUEST");

    completeStubTask(FEATURE_EVALUATION_STUB_TASK, Map.of("decided", false,
        FeatureRequestContract.FEATURE_DECISION, "WITHDRAWN"));

    assertThat(instance).isWaitingAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION)
        .hasNotPassed(BOUNDARY_FEATURE_REQUEST_DECIDED, END_FEATURE_REQUEST_COMPLETED);
  }

  // --- helpers ------------------------------------------------------------------------------------

  // --- the customer writes while no step waits -----------------------------------------------------

  @Test
  void messageWhileTier1AnalysesIsTheCaseOwnersTaskAndTheirReplyIsMailed() {
    ProcessInstance instance = startCase(Map.of());
    runtimeService().setVariable(instance.getId(), CaseVariables.CASE_OWNER, "tina");

    customerWrites(MessageKind.MESSAGE, "m-1", "It also fails for 20-page reports.");
    customerWrites(MessageKind.ATTACHMENT, "a-1", "File attached: export.log (text/plain, 3 KB)");

    List<Task> toRead = taskQuery().taskDefinitionKey(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE)
        .orderByTaskCreateTime().asc().list();
    assertThat(toRead).hasSize(2);
    Task message = toRead.stream().filter(t -> "m-1".equals(taskService().getVariable(t.getId(),
        ConversationVariables.MESSAGE_ID))).findFirst().orElseThrow();
    assertThat(message).isAssignedTo("tina");
    assertThat(taskService().getIdentityLinksForTask(message.getId())).extracting(link -> link.getGroupId())
        .containsOnly(Groups.TIER1, null);
    assertThat(taskService().getVariables(message.getId())).containsEntry(ConversationVariables.MESSAGE_TEXT,
        "It also fails for 20-page reports.").containsEntry(ConversationVariables.MESSAGE_KIND, "MESSAGE")
        .containsEntry(ConversationVariables.MESSAGE_FROM, "jane");
    // each message is kept in its own run of the subprocess, never in the case's scope
    assertThat(runtimeService().getVariables(instance.getId()))
        .doesNotContainKeys(ConversationVariables.MESSAGE_TEXT, ConversationVariables.SUPPORT_REPLY);
    assertThat(instance).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1);

    complete(message, Map.of(ConversationVariables.SUPPORT_REPLY, "  Thank you: we test 20 pages too.  "));
    assertThat(notifications.kinds()).doesNotContain(NotificationKind.SUPPORT_REPLY);
    executeDueJobs();

    assertThat(notifications.kinds()).containsOnlyOnce(NotificationKind.SUPPORT_REPLY);
    verify(slaClock).firstResponse(any(DelegateExecution.class));
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(ConversationVariables.SUPPORT_REPLY).list()).extracting(v -> v.getValue())
        .as("one reply per message, the second not yet answered").containsOnly("Thank you: we test 20 pages too.", null);
    Task attachment = taskAt(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE);
    assertThat(taskService().getVariable(attachment.getId(), ConversationVariables.SUPPORT_REPLY)).isNull();
    complete(attachment, Map.of(ConversationVariables.SUPPORT_REPLY, ""));
    executeDueJobs();

    assertThat(notifications.kinds()).containsOnlyOnce(NotificationKind.SUPPORT_REPLY);
    assertThat(timesPassed(instance, "EndEvent_CustomerAnswered")).isOne();
    assertThat(timesPassed(instance, "EndEvent_CustomerMessageRead")).isOne();
    assertThat(instance).isWaitingAt(Tier1Variables.TASK_ANALYSE_AT_TIER1);
  }

  @Test
  void messageWhileTier2InvestigatesIsTier2sTaskForWhoeverTakesIt() {
    startCase(Map.of());
    runtimeService().setVariable(caseInstanceId(), CaseVariables.CASE_OWNER, "tina");
    completeTier1Analysis("ESCALATE_TO_TIER2");

    customerWrites(MessageKind.MESSAGE, "m-2", "We upgraded the database yesterday.");

    Task message = taskAt(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE);
    assertThat(message).hasCandidateGroup(Groups.TIER2).isNotAssigned();
  }

  @Test
  void messageWhileProductManagementEvaluatesAFeatureRequestIsTheirs() {
    startCase(Map.of(CaseVariables.CASE_TYPE, "FEATURE_REQUEST"));
    completeTier1Analysis("FEATURE_REQUEST");

    customerWrites(MessageKind.MESSAGE, "m-3", "Our board would pay for this.");

    assertThat(taskAt(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE)).hasCandidateGroup(Groups.PRODUCT_MANAGEMENT);
  }

  @Test
  void replyWithMarkupIsRefusedAndTheMessageStaysToBeRead() {
    startCase(Map.of());
    customerWrites(MessageKind.MESSAGE, "m-4", "<b>Hello</b>");
    Task message = taskAt(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE);

    assertThatThrownBy(() -> taskService().complete(message.getId(),
        Map.of(ConversationVariables.SUPPORT_REPLY, "<script>alert(1)</script>")))
        .hasMessageContaining(ConversationVariables.SUPPORT_REPLY);

    assertThat(taskAt(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE)).isNotNull();
    assertThat(taskService().getVariable(message.getId(), ConversationVariables.MESSAGE_TEXT)).isEqualTo("<b>Hello</b>");
  }

  static void customerWrites(MessageKind kind, String id, String text) {
    runtimeService().createMessageCorrelation(CaseMessages.CUSTOMER_WROTE).processInstanceBusinessKey(REFERENCE)
        .setVariables(ConversationVariables.message(kind, id, "jane", text, Instant.parse("2026-12-06T09:00:00Z")))
        .correlateWithResult();
  }

  static String caseInstanceId() {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
        .singleResult().getId();
  }

  ProcessInstance startCase(Map<String, Object> extra) {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, REFERENCE,
        caseVariables(extra));
    assertThat(instance).as("the receipt mail waits for its job; the case is already at Tier 1")
        .isWaitingAt(TASK_NOTIFY_CASE_RECEIVED, Tier1Variables.TASK_ANALYSE_AT_TIER1);
    executeDueJobs();
    assertThat(instance).hasPassed(END_CUSTOMER_NOTIFIED_OF_RECEIPT);
    return instance;
  }

  static Map<String, Object> caseVariables(Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>(Map.of(
        CaseVariables.SUMMARY, "Export to PDF fails with timeout",
        CaseVariables.DESCRIPTION, "Since 4.2 every export over 50 pages stops after 60 seconds.",
        CaseVariables.PRODUCT, "Reporting",
        CaseVariables.PRODUCT_VERSION, "4.2.1",
        CaseVariables.CASE_TYPE, "PROBLEM",
        CaseVariables.CUSTOMER_NAME, "Jane Doe",
        CaseVariables.CUSTOMER_EMAIL, "jane@example.org",
        CaseVariables.ORGANISATION_ID, "org-acme"));
    variables.putAll(extra);
    return variables;
  }

  static final String LINK = "LINK_TO_TICKET";

  static Map<String, Object> tier1Analysis(String outcome) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Tier1Variables.SYMPTOMS, "Export stops after 60 s");
    variables.put(Tier1Variables.CONFIGURATION_VERIFIED, true);
    variables.put(Tier1Variables.LOGS_ANALYSED, true);
    variables.put(Tier1Variables.KNOWN_ISSUES_CHECKED, true);
    variables.put(Tier1Variables.REPRODUCED, "YES");
    variables.put(Tier1Variables.TIER1_FINDINGS, "Reproduced with a 60-page report");
    variables.put(Tier1Variables.TIER1_OUTCOME, outcome);
    if ("RESOLVED".equals(outcome)) {
      variables.put(Tier1Variables.RESOLUTION_CATEGORY, "CONFIGURATION");
    }
    if (LINK.equals(outcome)) {
      variables.put(ProblemVariables.LINKED_TICKET, "ENG-4");
    }
    return variables;
  }

  void completeTier1Analysis(String outcome) {
    complete(taskAt(Tier1Variables.TASK_ANALYSE_AT_TIER1), tier1Analysis(outcome));
  }

  void completeResolution() {
    complete(taskAt(Tier1Variables.TASK_COMMUNICATE_RESOLUTION), Map.of(Tier1Variables.RESOLUTION_TEXT,
        "Raise the export timeout to 300 s in Settings > Reports."));
    executeDueJobs();
  }

  void answerResolution(boolean accepted) {
    var correlation = runtimeService().createMessageCorrelation(CaseMessages.RESOLUTION_RESPONSE)
        .processInstanceBusinessKey(REFERENCE)
        .setVariable(CaseMessages.RESOLUTION_ACCEPTED, accepted);
    if (!accepted) {
      correlation.setVariable(CaseMessages.OBJECTION_REASON, "Still fails with 80 pages");
    }
    correlation.correlate();
    executeDueJobs();
  }

  void completeKnowledgeArticle() {
    complete(taskAt(Tier1Variables.TASK_UPDATE_KNOWLEDGE_BASE), Map.of(
        Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, "Export timeout on large reports",
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, "Reports over 50 pages need a longer export timeout."));
    executeDueJobs();
  }

  void finishTier2(String outcome) {
    completeStubTask(TIER2_STUB_TASK, Map.of(Tier2Contract.TIER2_OUTCOME, outcome,
        Tier2Contract.TIER2_FINDINGS, "Renderer keeps every page in memory",
        Tier2Contract.ROOT_CAUSE, "Report renderer loads all pages at once",
        "tier2InternalNote", "must not leave the Tier 2 process"));
  }

  void completeStubTask(String taskDefinitionKey, Map<String, Object> variables) {
    taskService().complete(taskAt(taskDefinitionKey).getId(), variables);
    executeDueJobs();
  }

  static Task taskAt(String taskDefinitionKey) {
    return taskQuery().taskDefinitionKey(taskDefinitionKey).singleResult();
  }

  static ProcessInstance calledInstance(String processDefinitionKey) {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(processDefinitionKey)
        .active().singleResult();
  }

  static long timesPassed(ProcessInstance instance, String activityId) {
    return historyService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(activityId).count();
  }

  static Object historicValue(ProcessInstance instance, String name) {
    return historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }

  void sanitise(DelegateExecution execution) {
    execution.setVariable(EngineeringContract.ENGINEERING_SUMMARY, "Export stops after 60 s (sanitised)");
    execution.setVariable(EngineeringContract.ENGINEERING_DESCRIPTION, "Renderer keeps every page in memory");
  }

}
