package dev.supportdesk.escalation.feature;

import dev.supportdesk.escalation.support.ProcessTestEngine;
import static dev.supportdesk.escalation.feature.FeatureRequestVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.feature.FeatureRequestContract.Decision;
import dev.supportdesk.escalation.knowledge.ReleaseNotePosting;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotifyCustomerDelegate;
import dev.supportdesk.escalation.sla.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.exception.NotValidException;
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

/** Process test (scope 2) of every path of FeatureRequestProcess: notifications mocked, the real validator. */
@Deployment(resources = {
    "processes/FeatureRequestProcess.bpmn",
    "forms/EvaluateRequest.form", "forms/WriteDetailedBrief.form", "forms/ScopeAndEstimate.form",
    "forms/HoldStakeholderWorkshop.form", "forms/ScheduleDevelopment.form", "forms/WriteReleaseNotes.form"})
class FeatureRequestProcessTest {

  static final String CASE = "CASE-2026-FEAT01";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  final List<String> notifications = new ArrayList<>();

  @BeforeEach
  void bindEngineAndMocks() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("notifyCustomer", (JavaDelegate) execution ->
        notifications.add((String) execution.getVariableLocal(NotifyCustomerDelegate.KIND_PARAMETER)));
    Mocks.register("featureRequestSettings", new FeatureRequestSettings(Duration.ofDays(30)));
    Mocks.register("featureRequestTaskValidator", new FeatureRequestTaskValidator());
    releaseNotePosting = org.mockito.Mockito.mock(ReleaseNotePosting.class);
    Mocks.register("releaseNotePosting", releaseNotePosting);
    slaClock = org.mockito.Mockito.mock(SlaClock.class);
    Mocks.register("slaClock", slaClock);
  }

  /** The case's SLA clock: paused while the customer decides on a quote. */
  SlaClock slaClock;
  ReleaseNotePosting releaseNotePosting;

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void declinedRequestTellsTheCustomerAndSolvesTheCase() {
    ProcessInstance instance = start();
    assertThat(instance).isWaitingAt(TASK_EVALUATE_REQUEST);
    assertThat(currentTask()).hasCandidateGroup("product-management");

    complete(currentTask(), Map.of(REQUEST_DECISION, "DECLINE", DECISION_REASON, "Outside the product's scope"));
    executeJobs();

    assertThat(instance).isEnded()
        .hasPassedInOrder(TASK_NOTIFY_DECLINED, EVENT_REQUEST_DECLINED, END_EVENT_DECLINED)
        .variables().containsEntry(FeatureRequestContract.FEATURE_DECISION, Decision.DECLINED.name());
    assertThat(notifications).containsExactly(NotificationKind.FEATURE_REQUEST_DECLINED.name());
    assertEscalationThrown(EVENT_REQUEST_DECLINED);
  }

  @Test
  void approvedQuoteIsScheduledAndGetsReleaseNotes() {
    ProcessInstance instance = start();
    acceptAndScope(false, 12_500.0);
    executeJobs();
    assertThat(instance).isWaitingAt(TASK_AWAIT_QUOTE_RESPONSE).hasNotPassed(TASK_HOLD_WORKSHOP);
    assertThat(notifications).containsExactly(NotificationKind.FEATURE_REQUEST_QUOTE.name());
    // the customer decides: the SLA waits with them
    org.mockito.Mockito.verify(slaClock).pause(org.mockito.ArgumentMatchers.any(DelegateExecution.class),
        org.mockito.ArgumentMatchers.eq("WAITING_FOR_CUSTOMER"));
    org.mockito.Mockito.verify(slaClock, org.mockito.Mockito.never()).resume(org.mockito.ArgumentMatchers.any(DelegateExecution.class));

    answerQuote(true);
    org.mockito.Mockito.verify(slaClock).resume(org.mockito.ArgumentMatchers.any(DelegateExecution.class));
    executeJobs();

    assertThat(instance).hasPassed(TASK_NOTIFY_ACCEPTED, EVENT_REQUEST_ACCEPTED).isWaitingAt(TASK_SCHEDULE_DEVELOPMENT);
    assertEscalationThrown(EVENT_REQUEST_ACCEPTED);
    assertThat(currentTask()).hasCandidateGroup("engineering");
    complete(currentTask(), Map.of(FEATURE_TARGET_RELEASE, "7.26.0", FEATURE_PLANNED_QUARTER, "2027-Q2"));
    assertThat(currentTask()).hasDefinitionKey(TASK_WRITE_RELEASE_NOTES).hasCandidateGroup("product-management");
    complete(currentTask(), Map.of(FEATURE_RELEASE_NOTES, "Reports can now be exported as XLSX."));

    assertThat(instance).isEnded().hasPassed(END_EVENT_ACCEPTED)
        .variables().containsEntry(FeatureRequestContract.FEATURE_DECISION, Decision.ACCEPTED.name())
        .containsEntry(CaseMessages.QUOTE_APPROVED, true);
    assertThat(notifications).containsExactly(NotificationKind.FEATURE_REQUEST_QUOTE.name(),
        NotificationKind.FEATURE_REQUEST_ACCEPTED.name());
    // the entry joins the notes of the release it is planned for
    org.mockito.Mockito.verify(releaseNotePosting).featurePlanned(org.mockito.ArgumentMatchers.any());
  }

  @Test
  void workshopComesBeforeTheQuoteAndMayReviseTheEstimate() {
    ProcessInstance instance = start();
    acceptAndScope(true, 12_500.0);

    assertThat(instance).isWaitingAt(TASK_HOLD_WORKSHOP);
    assertThat(currentTask()).hasCandidateGroup("product-management");
    complete(currentTask(), Map.of(WORKSHOP_OUTCOME, "Finance and IT agreed on XLSX only, no CSV",
        FEATURE_SCOPE, "XLSX export of every report, no CSV, no scheduling", COST_ESTIMATE, 9_800));
    executeJobs();

    assertThat(instance).isWaitingAt(TASK_AWAIT_QUOTE_RESPONSE).variables().containsEntry(COST_ESTIMATE, 9_800);
    assertThat(notifications).containsExactly(NotificationKind.FEATURE_REQUEST_QUOTE.name());
  }

  @Test
  void rejectedQuoteWithdrawsTheRequest() {
    ProcessInstance instance = start();
    acceptAndScope(false, 12_500.0);
    executeJobs();

    answerQuote(false);

    assertThat(instance).isEnded().hasPassed(END_EVENT_QUOTE_REJECTED).hasNotPassed(TASK_NOTIFY_ACCEPTED)
        .variables().containsEntry(FeatureRequestContract.FEATURE_DECISION, Decision.WITHDRAWN.name());
  }

  @Test
  void quoteWithoutAnswerInTheConfiguredTimeWithdrawsTheRequest() {
    Mocks.register("featureRequestSettings", new FeatureRequestSettings(Duration.ofDays(7)));
    ProcessInstance instance = start();
    acceptAndScope(false, 12_500.0);
    executeJobs();

    Job timer = managementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer.getDuedate().toInstant())
        .isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
    managementService().executeJob(timer.getId());
    org.mockito.Mockito.verify(slaClock).resume(org.mockito.ArgumentMatchers.any(DelegateExecution.class));

    assertThat(instance).isEnded().hasPassed(BOUNDARY_EVENT_QUOTE_TIMED_OUT, END_EVENT_QUOTE_TIMED_OUT)
        .variables().containsEntry(FeatureRequestContract.FEATURE_DECISION, Decision.WITHDRAWN.name());
  }

  @Test
  void aRequestWithNothingToChargeIsAcceptedWithoutAQuote() {
    ProcessInstance instance = start();
    acceptAndScope(false, 0.0);
    executeJobs();

    assertThat(instance).hasPassed("Gateway_QuoteNeeded", TASK_NOTIFY_ACCEPTED, EVENT_REQUEST_ACCEPTED)
        .hasNotPassed(TASK_NOTIFY_QUOTE, TASK_AWAIT_QUOTE_RESPONSE).isWaitingAt(TASK_SCHEDULE_DEVELOPMENT);
    assertThat(notifications).containsExactly(NotificationKind.FEATURE_REQUEST_ACCEPTED.name());
    // nobody waits on the customer; the acceptance is the first answer they get
    org.mockito.Mockito.verify(slaClock, org.mockito.Mockito.never()).pause(
        org.mockito.ArgumentMatchers.any(DelegateExecution.class), org.mockito.ArgumentMatchers.anyString());
    org.mockito.Mockito.verify(slaClock).firstResponse(org.mockito.ArgumentMatchers.any(DelegateExecution.class));
  }

  @Test
  void serverRefusesAQuoteWithANegativeCost() {
    start();
    complete(currentTask(), Map.of(REQUEST_DECISION, "ACCEPT", DECISION_REASON, "Fits the reporting roadmap"));
    complete(currentTask(), Map.of(FEATURE_BRIEF, "Finance exports every report to Excel by hand each month; "
        + "an XLSX export saves them two days a month."));

    assertThatThrownBy(() -> engine.getProcessEngine().getTaskService().complete(currentTask().getId(),
        Map.of(FEATURE_SCOPE, "XLSX export of every report", COST_ESTIMATE, -5, WORKSHOP_NEEDED, "maybe")))
        .hasRootCauseInstanceOf(NotValidException.class)
        .hasMessageContaining(COST_ESTIMATE + " must be a number of at least 0")
        .hasMessageContaining(WORKSHOP_NEEDED + " must be true or false");
    assertThat(currentTask()).hasDefinitionKey(TASK_SCOPE_AND_ESTIMATE);
  }

  @Test
  void quoteTimeoutMustBePositive() {
    assertThatThrownBy(() -> new FeatureRequestSettings(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("support.feature.quote-timeout");
    assertThat(new FeatureRequestSettings(Duration.ofDays(30)).getQuoteTimeout()).isEqualTo("PT720H");
  }

  // --- steps -----------------------------------------------------------------------------------

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(PROCESS_ID, CASE, Map.of(
        CaseVariables.SUMMARY, "Export reports as XLSX",
        CaseVariables.DESCRIPTION, "Finance needs Excel files, not CSV",
        CaseVariables.PRODUCT, "Reporting", CaseVariables.PRODUCT_VERSION, "7.24.0",
        CaseVariables.CUSTOMER_ID, "cust-4711", CaseVariables.ORGANISATION_ID, "org-acme"));
  }

  private void acceptAndScope(boolean workshop, double cost) {
    complete(currentTask(), Map.of(REQUEST_DECISION, "ACCEPT", DECISION_REASON, "Fits the reporting roadmap"));
    assertThat(currentTask()).hasDefinitionKey(TASK_WRITE_BRIEF).hasCandidateGroup("product-management");
    complete(currentTask(), Map.of(FEATURE_BRIEF, "Finance exports every report to Excel by hand each month; "
        + "an XLSX export saves them two days a month."));
    assertThat(currentTask()).hasDefinitionKey(TASK_SCOPE_AND_ESTIMATE).hasCandidateGroup("engineering");
    complete(currentTask(), Map.of(FEATURE_SCOPE, "XLSX export of every report, with formatting",
        COST_ESTIMATE, cost, WORKSHOP_NEEDED, workshop));
  }

  private void answerQuote(boolean approved) {
    runtimeService().createMessageCorrelation(CaseMessages.FEATURE_QUOTE_RESPONSE)
        .processInstanceBusinessKey(CASE)
        .setVariable(CaseMessages.QUOTE_APPROVED, approved)
        .correlate();
  }

  private static void assertEscalationThrown(String eventId) {
    assertThat(historyService().createHistoricActivityInstanceQuery().activityId(eventId)
        .activityType("intermediateEscalationThrowEvent").finished().count()).isOne();
  }

  private static Task currentTask() {
    return taskQuery().singleResult();
  }

  /** Runs every due job (the async service tasks; timers are not due yet) until the process waits. */
  private static void executeJobs() {
    List<Job> jobs;
    while (!(jobs = managementService().createJobQuery().executable().list()).isEmpty()) {
      jobs.forEach(job -> managementService().executeJob(job.getId()));
    }
  }
}
