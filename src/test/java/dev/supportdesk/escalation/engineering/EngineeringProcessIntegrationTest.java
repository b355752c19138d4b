package dev.supportdesk.escalation.engineering;

import static dev.supportdesk.escalation.engineering.EngineeringVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.notification.Notification;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.tracker.BuiltInTracker;
import dev.supportdesk.escalation.tracker.EngineeringTracker.Ticket;
import dev.supportdesk.escalation.tracker.TicketStatus;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Scope 3: the hotfix path in the running application with the real delegates, the built-in tracker,
 * the outbox and the case status history on H2. Jobs are executed by the test, not the job executor,
 * so each asynchronous step is visible.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:engineering-it;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class EngineeringProcessIntegrationTest {

  static final String CASE = "CASE-2026-ENGIT1";

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired BuiltInTracker tracker;
  @Autowired NotificationOutbox outbox;
  @Autowired CaseStatusTracker caseStatus;

  @Test
  void hotfixOpensAndMovesABuiltInTicketAndRecordsEveryCustomerMessageAndStatus() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_ID, CASE, Map.of(
        EngineeringContract.ENGINEERING_SUMMARY, "Export times out for 60-page reports",
        EngineeringContract.ENGINEERING_DESCRIPTION, "## Description\n\nThe nightly export fails.",
        "priority", "P1"));
    executeJobs(instance);

    complete(TASK_CONFIRM_DEFECT, Map.of(DEFECT_REPRODUCED, true, DEFECT_CONFIRMED, true,
        CONFIRMATION_NOTES, "Reproduced with a 60-page report", BUSINESS_IMPACT, "HALTED", AFFECTED_USERS, "ALL",
        DATA_LOSS, false, SECURITY_CONCERN, false, WORKAROUND_AVAILABLE, false));
    executeJobs(instance);
    String ticketKey = (String) runtime.getVariable(instance.getId(), EngineeringContract.TICKET_KEY);
    assertThat(tracker.find(ticketKey).status()).isEqualTo(TicketStatus.SPECIFYING);
    assertThat(runtime.getVariable(instance.getId(), SEVERITY)).isEqualTo("SEVERE");

    complete(TASK_TRIAGE_DEFECT, Map.of(SEVERITY, "SEVERE", DEVELOPER, "erin.engineer", RELEASE_PATH, "HOTFIX"));
    executeJobs(instance);
    complete(TASK_DEVELOP_FIX, Map.of(FIX_DESCRIPTION, "Added an index on report_id"));
    complete(TASK_TEST_ON_STAGING, Map.of(STAGING_BUILD, "7.24.1-rc1", STAGING_TEST_NOTES, "Export in 4 s on staging"));
    complete(TASK_VERIFY_FIX, Map.of(FIX_VERIFIED, true, VERIFICATION_NOTES, "Regression suite green"));
    complete(TASK_RELEASE_FIX, Map.of(RELEASE_VERSION, "7.24.1", APP_UPDATE_REQUIRED, false,
        RELEASE_NOTES, "Large exports no longer time out."));
    complete(TASK_MONITOR_RELEASE, Map.of(REGRESSION_FOUND, false, MONITORING_NOTES, "Two weeks without errors"));
    executeJobs(instance);

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).completed().count()).isOne();
    // released as a hotfix, and the case owner told (the last step, in a job of its own)
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).finished().list())
        .extracting(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId)
        .contains(END_EVENT_HOTFIX_RELEASED, dev.supportdesk.escalation.queue.OwnerVariables.TASK_TELL_OWNER)
        .doesNotContain(dev.supportdesk.escalation.queue.OwnerVariables.TASK_FOLLOW_UP);
    Ticket ticket = tracker.find(ticketKey);
    assertThat(ticket.key()).matches("ENG-\\d+");
    assertThat(ticket.caseReference()).isEqualTo(CASE);
    assertThat(ticket.priority()).isEqualTo("P1");
    assertThat(ticket.status()).isEqualTo(TicketStatus.DONE);
    assertThat(tracker.statusHistory(ticketKey)).extracting(BuiltInTracker.StatusChange::status).containsExactly(
        TicketStatus.SPECIFYING, TicketStatus.READY, TicketStatus.IN_PROGRESS, TicketStatus.DONE);
    assertThat(tracker.comments(ticketKey)).extracting(BuiltInTracker.Comment::body)
        .containsExactly("Triage: severity SEVERE, HOTFIX, developer erin.engineer");
    assertThat(outbox.forCase(CASE)).extracting(Notification::kind).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING, NotificationKind.ENGINEERING_SPECIFYING, NotificationKind.ENGINEERING_READY,
        NotificationKind.ENGINEERING_IN_PROGRESS, NotificationKind.ENGINEERING_DONE);
    assertThat(caseStatus.history(CASE)).extracting(CaseStatusTracker.Entry::status).containsExactly(
        CaseStatus.ENGINEERING_SPECIFYING, CaseStatus.ENGINEERING_READY, CaseStatus.ENGINEERING_IN_PROGRESS,
        CaseStatus.ENGINEERING_DONE);
  }

  @Test
  void aStatusReportedByTheTrackerFirstIsToldOnceWhenTheProcessReachesItToo() {
    String reference = "CASE-2026-ENGIT2";
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_ID, reference, Map.of(
        EngineeringContract.ENGINEERING_SUMMARY, "Export times out", "priority", "P2"));
    executeJobs(instance);
    complete(reference, TASK_CONFIRM_DEFECT, Map.of(DEFECT_REPRODUCED, true, DEFECT_CONFIRMED, true,
        CONFIRMATION_NOTES, "Reproduced with a 60-page report", BUSINESS_IMPACT, "DEGRADED", AFFECTED_USERS, "MANY",
        DATA_LOSS, false, SECURITY_CONCERN, false, WORKAROUND_AVAILABLE, false));
    executeJobs(instance);

    // an engineering lead moved the ticket in the tracker before recording the triage here
    runtime.createMessageCorrelation(CaseMessages.TRACKER_STATUS_CHANGED).processInstanceBusinessKey(reference)
        .setVariable(CaseMessages.TRACKER_STATUS, TicketStatus.READY.name()).correlateAll();
    executeJobs(instance);
    complete(reference, TASK_TRIAGE_DEFECT, Map.of(SEVERITY, "HIGH", DEVELOPER, "erin.engineer",
        RELEASE_PATH, "HOTFIX"));
    executeJobs(instance);

    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(TASK_NOTIFY_READY).finished().count()).as("the process's own step ran").isOne();
    assertThat(outbox.forCase(reference)).extracting(Notification::kind).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING, NotificationKind.ENGINEERING_SPECIFYING,
        NotificationKind.ENGINEERING_READY, NotificationKind.ENGINEERING_IN_PROGRESS);
  }

  private void complete(String taskDefinitionKey, Map<String, Object> variables) {
    complete(CASE, taskDefinitionKey, variables);
  }

  private void complete(String reference, String taskDefinitionKey, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskDefinitionKey)
        .singleResult().getId(), variables);
  }

  private void executeJobs(ProcessInstance instance) {
    List<Job> jobs;
    while (!(jobs = management.createJobQuery().processInstanceId(instance.getId()).executable().list()).isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
