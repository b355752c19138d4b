package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scope 3: a real support case drives its SLA clocks through the case diagrams' listeners: started with
 * the case, first response at the end of the Tier 1 analysis, paused while Tier 2 waits for the
 * customer's information, resumed by the reply, met when the resolution is proposed. The engine's clock
 * is set to working hours of the support calendar (Europe/Berlin, 09:00-17:00); the test runs the
 * asynchronous steps itself (job execution off) so the times are exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:sla-case-wiring;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class SlaCaseWiringIntegrationTest {

  static final String REFERENCE = "CASE-2026-SLAW01";
  /** Monday 23 November 2026, 09:00 in Berlin. */
  static final Instant MONDAY_9_BERLIN = Instant.parse("2026-11-23T08:00:00Z");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired SlaClock slaClock;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void caseStopsItsResolutionClockWhileWaitingForTheCustomerAndMeetsItWhenResolved() {
    // given a P1 case received on Monday at 09:00
    at(MONDAY_9_BERLIN);
    runtime.startProcessInstanceByKey(CaseVariables.PROCESS_ID, REFERENCE, Map.of(
        CaseVariables.SUMMARY, "Export to PDF fails with timeout",
        CaseVariables.DESCRIPTION, "Since 4.2 every export over 50 pages stops after 60 seconds.",
        CaseVariables.IMPACT, "HIGH", CaseVariables.URGENCY, "MEDIUM",
        CaseVariables.CUSTOMER_EMAIL, "jane@example.org"));
    assertThat(slaClock.clocks(REFERENCE)).extracting(SlaClockView::state)
        .containsOnly(SlaClockRecord.State.RUNNING);
    runAsyncSteps();

    // then the priority set the targets, and Tier 1's task is due when the first response is
    assertThat(clock(SlaTarget.FIRST_RESPONSE).targetDuration()).isEqualTo("PT2H");
    assertThat(clock(SlaTarget.RESOLUTION).targetDuration()).isEqualTo("P3D");
    Task tier1 = task(Tier1Variables.TASK_ANALYSE_AT_TIER1);
    assertThat(clock(SlaTarget.FIRST_RESPONSE).due()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(tier1.getDueDate()).isEqualTo(Date.from(clock(SlaTarget.FIRST_RESPONSE).due()));

    // when Tier 1 escalates at 09:30
    at(MONDAY_9_BERLIN.plus(Duration.ofMinutes(30)));
    tasks.complete(tier1.getId(), Map.of(
        Tier1Variables.SYMPTOMS, "Export stops after 60 s", Tier1Variables.CONFIGURATION_VERIFIED, true,
        Tier1Variables.LOGS_ANALYSED, true, Tier1Variables.KNOWN_ISSUES_CHECKED, true,
        Tier1Variables.REPRODUCED, "YES", Tier1Variables.TIER1_FINDINGS, "Reproduced with a 60-page report",
        Tier1Variables.TIER1_OUTCOME, "ESCALATE_TO_TIER2"));

    // then the customer has heard nothing yet: the first response is still due, and so is Tier 2's task, by the
    // nearer of the two promises
    assertThat(clock(SlaTarget.FIRST_RESPONSE).state()).isEqualTo(SlaClockRecord.State.RUNNING);
    assertThat(clock(SlaTarget.RESOLUTION).responsibleTier()).isEqualTo("tier2");
    Instant resolutionDue = clock(SlaTarget.RESOLUTION).due();
    assertThat(task(Tier2Variables.TASK_INVESTIGATE_AT_TIER2).getDueDate())
        .isEqualTo(Date.from(clock(SlaTarget.FIRST_RESPONSE).due()));

    // when Tier 2 asks the customer for information at 10:00
    at(MONDAY_9_BERLIN.plus(Duration.ofHours(1)));
    tasks.complete(task(Tier2Variables.TASK_INVESTIGATE_AT_TIER2).getId(), Map.of(
        Tier2Variables.REANALYSIS, "Tier 1 evidence confirmed on 4.2.1",
        Tier2Variables.REPLICATED_IN_TEST_ENVIRONMENT, "NO",
        Tier2Contract.TIER2_FINDINGS, "Cannot reproduce without the server log",
        Tier2Variables.NEXT_ACTION, "REQUEST_INFORMATION",
        Tier2Variables.INFORMATION_REQUEST, "Please send the server log of a failed export"));
    runAsyncSteps();

    // then Tier 2's question is the first response, in time, and the resolution clock stops
    assertThat(clock(SlaTarget.FIRST_RESPONSE).state()).isEqualTo(SlaClockRecord.State.MET);
    assertThat(clock(SlaTarget.FIRST_RESPONSE).metAt()).isEqualTo(MONDAY_9_BERLIN.plus(Duration.ofHours(1)));
    SlaClockView paused = clock(SlaTarget.RESOLUTION);
    assertThat(paused.state()).isEqualTo(SlaClockRecord.State.PAUSED);
    assertThat(paused.pauseReason()).isEqualTo(CaseStatus.WAITING_FOR_CUSTOMER.name());
    assertThat(paused.due()).as("no due date while paused").isNull();
    assertThat(stateInTable(SlaTarget.RESOLUTION)).isEqualTo("PAUSED");

    // when the customer replies two working hours later
    at(MONDAY_9_BERLIN.plus(Duration.ofHours(3)));
    runtime.createMessageCorrelation(CaseMessages.CUSTOMER_INFORMATION_RECEIVED).processInstanceBusinessKey(REFERENCE)
        .setVariable(CaseMessages.CUSTOMER_REPLY, "Server log attached").correlate();

    // then it runs again, two working hours later due, and Tier 2's new task follows
    SlaClockView resumed = clock(SlaTarget.RESOLUTION);
    assertThat(resumed.state()).isEqualTo(SlaClockRecord.State.RUNNING);
    assertThat(resumed.pausedTime()).isEqualTo(Duration.ofHours(2));
    assertThat(resumed.pausedBusinessTime()).isEqualTo(Duration.ofHours(2));
    assertThat(resumed.due()).isAfter(resolutionDue);
    assertThat(task(Tier2Variables.TASK_INVESTIGATE_AT_TIER2).getDueDate()).isEqualTo(Date.from(resumed.due()));

    // when Tier 2 resolves it and Tier 1 proposes the resolution at 13:00
    tasks.complete(task(Tier2Variables.TASK_INVESTIGATE_AT_TIER2).getId(), Map.of(
        Tier2Variables.REANALYSIS, "Log shows the proxy cutting the export after 60 s",
        Tier2Variables.REPLICATED_IN_TEST_ENVIRONMENT, "YES",
        Tier2Contract.TIER2_FINDINGS, "Proxy timeout of 60 s",
        Tier2Variables.NEXT_ACTION, "RESOLVE"));
    assertThat(clock(SlaTarget.RESOLUTION).responsibleTier()).isEqualTo("tier1");
    at(MONDAY_9_BERLIN.plus(Duration.ofHours(4)));
    tasks.complete(task(Tier1Variables.TASK_COMMUNICATE_RESOLUTION).getId(), Map.of(
        Tier1Variables.RESOLUTION_TEXT, "Raise the proxy timeout to 300 s for /export."));
    runAsyncSteps();

    // then the resolution is met in time, two of its four working hours paused, and the clock process ended
    SlaClockView met = clock(SlaTarget.RESOLUTION);
    assertThat(met.state()).isEqualTo(SlaClockRecord.State.MET);
    assertThat(met.metInTime()).isTrue();
    assertThat(met.metAt()).isEqualTo(MONDAY_9_BERLIN.plus(Duration.ofHours(4)));
    assertThat(met.elapsedBusinessTime()).isEqualTo(Duration.ofHours(2));
    assertThat(met.pausedBusinessTime()).isEqualTo(Duration.ofHours(2));
    assertThat(stateInTable(SlaTarget.RESOLUTION)).isEqualTo("MET");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(SlaVariables.PROCESS_ID)
        .processInstanceBusinessKey(REFERENCE).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
        .processInstanceBusinessKey(REFERENCE).count()).as("the case waits for the customer's answer").isOne();
  }

  private static void at(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private SlaClockView clock(SlaTarget target) {
    return slaClock.clocks(REFERENCE).stream().filter(clock -> clock.target() == target).findFirst().orElseThrow();
  }

  private String stateInTable(SlaTarget target) {
    return jdbc.queryForObject("select state from sla_clock where case_reference = ? and target = ?", String.class,
        REFERENCE, target.name());
  }

  private Task task(String taskDefinitionKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(REFERENCE).taskDefinitionKey(taskDefinitionKey)
        .singleResult();
  }

  /** Runs the case's asynchronous continuations (not the SLA timers) until none is left. */
  private void runAsyncSteps() {
    List<Job> jobs;
    while (!(jobs = management.createJobQuery().executable().messages().list()).isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
