package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.notification.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Scope 3: the support case in the running application, with the real beans the diagram names
 * (case status, notification outbox, priority table, case settings from application.yaml, validators)
 * and the job executor running the asynchronous steps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:support-case-wiring;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "support.case.auto-close-after=P2D"})
class SupportCaseWiringIntegrationTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired NotificationOutbox outbox;
  @Autowired CaseStatusTracker caseStatus;

  @Test
  void caseReceivedIsPrioritisedAnnouncedAndResolvedWithTheConfiguredAutoClose() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(CaseVariables.PROCESS_ID, Map.of(
        CaseVariables.SUMMARY, "Export to PDF fails with timeout",
        CaseVariables.DESCRIPTION, "Since 4.2 every export over 50 pages stops after 60 seconds.",
        CaseVariables.IMPACT, "HIGH", CaseVariables.URGENCY, "MEDIUM",
        CaseVariables.CUSTOMER_EMAIL, "jane@example.org"));
    String reference = instance.getBusinessKey();
    assertThat(CaseReferences.isValid(reference)).isTrue();

    // the case is at Tier 1 as soon as it started; the receipt mail follows on its own branch
    Task analysis = tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(Tier1Variables.TASK_ANALYSE_AT_TIER1).singleResult();
    assertThat(analysis).isNotNull();
    assertThat(runtime.getVariable(instance.getId(), CaseVariables.PRIORITY)).isEqualTo("P1");
    await("'case received' mail and its branch ended", () -> history.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId()).activityId(SupportCaseElements.END_CUSTOMER_NOTIFIED_OF_RECEIPT)
        .finished().singleResult());
    assertThat(outbox.forCase(reference)).extracting(Notification::kind).containsExactly(NotificationKind.CASE_RECEIVED);

    tasks.complete(analysis.getId(), Map.of(
        Tier1Variables.SYMPTOMS, "Export stops after 60 s", Tier1Variables.REPRODUCED, "YES",
        Tier1Variables.TIER1_FINDINGS, "Known issue: export timeout is 60 s by default",
        Tier1Variables.TIER1_OUTCOME, "RESOLVED", Tier1Variables.RESOLUTION_CATEGORY, "KNOWN_ISSUE"));
    Task resolution = tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(Tier1Variables.TASK_COMMUNICATE_RESOLUTION).singleResult();
    Instant proposedAt = Instant.now();
    tasks.complete(resolution.getId(), Map.of(Tier1Variables.RESOLUTION_TEXT,
        "Raise the export timeout to 300 s in Settings > Reports."));

    Job autoClose = await("auto-close timer", () -> management.createJobQuery().processInstanceId(instance.getId())
        .timers().activityId(SupportCaseElements.EVENT_AUTO_CLOSE_ELAPSED).singleResult());
    assertThat(Duration.between(proposedAt, autoClose.getDuedate().toInstant()))
        .isBetween(Duration.ofDays(2).minusMinutes(5), Duration.ofDays(2).plusMinutes(5));
    assertThat(outbox.forCase(reference)).extracting(Notification::kind)
        .containsExactly(NotificationKind.CASE_RECEIVED, NotificationKind.RESOLUTION_PROPOSED);
    assertThat(caseStatus.history(reference)).extracting(CaseStatusTracker.Entry::status)
        .containsExactly(CaseStatus.RECEIVED, CaseStatus.IN_ANALYSIS, CaseStatus.RESOLVED);
  }

  static <T> T await(String what, Supplier<T> probe) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
