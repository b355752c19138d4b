package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The SLA beans in the real application: configuration bound from application.yaml, the Flyway table,
 * the deployed decisions and diagram, and the expressions a case diagram uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:sla-it;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    // as on main: the engine may create its tables before Flyway runs on a fresh database
    "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0",
    "support.sla.organisations.org-acme.zone=America/New_York"})
class SlaClockIntegrationTest {

  @Autowired BusinessCalendars calendars;
  @Autowired SlaClock slaClock;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void calendarsComeFromApplicationYaml() {
    BusinessCalendar support = calendars.defaultCalendar();

    assertThat(support.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(support.hours().get(DayOfWeek.SATURDAY)).isEmpty();
    assertThat(support.isHoliday(LocalDate.parse("2026-12-24"))).isTrue();
    assertThat(support.isHoliday(LocalDate.parse("2026-10-03"))).as("from the .ics file").isTrue();
    assertThat(calendars.forOrganisation("org-acme").zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(calendars.forOrganisation("org-acme").isHoliday(LocalDate.parse("2026-12-24"))).isTrue();
  }

  @Test
  void caseDiagramExpressionsStartPauseAndResolveTheClock() {
    // a stand-in for the case diagram, calling the bean the way the lead wires it
    BpmnModelInstance caseModel = Bpmn.createExecutableProcess("SlaWiringProbe").camundaHistoryTimeToLive(1)
        .startEvent().camundaExecutionListenerExpression("start", "${slaClock.start(execution)}")
        .userTask("Task_Work").camundaDueDate("${slaClock.dueDate(execution)}")
        .userTask("Task_WaitForCustomer")
          .camundaExecutionListenerExpression("start", "${slaClock.pause(execution, 'WAITING_FOR_CUSTOMER')}")
          .camundaExecutionListenerExpression("end", "${slaClock.resume(execution)}")
        .endEvent().camundaExecutionListenerExpression("start", "${slaClock.resolved(execution)}")
        .done();
    repository.createDeployment().addModelInstance("SlaWiringProbe.bpmn", caseModel).deploy();
    ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2026-11-23T08:00:00Z")));

    String caseReference = "CASE-2026-SLAIT1";
    runtime.startProcessInstanceByKey("SlaWiringProbe", caseReference,
        Variables.createVariables().putValue("priority", "P1").putValue("severity", "HIGH"));

    List<SlaClockView> started = slaClock.clocks(caseReference);
    assertThat(started).extracting(SlaClockView::target).containsExactly(SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(caseReference).taskDefinitionKey("Task_Work")
        .singleResult().getDueDate()).isEqualTo(java.util.Date.from(started.get(0).due()));

    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(caseReference).singleResult().getId());
    assertThat(slaClock.clocks(caseReference)).extracting(SlaClockView::state)
        .containsOnly(SlaClockRecord.State.PAUSED);

    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(caseReference).singleResult().getId());
    assertThat(slaClock.clocks(caseReference)).extracting(SlaClockView::state)
        .containsOnly(SlaClockRecord.State.MET);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseReference).count()).isZero();
  }
}
