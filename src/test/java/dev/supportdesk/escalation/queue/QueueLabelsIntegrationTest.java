package dev.supportdesk.escalation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.TasklistFilters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Every task of a case carries the case's label and priority, and every queue lists and sorts by them. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:queue-labels;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class QueueLabelsIntegrationTest {

  @Autowired ProcessEngine engine;
  @Autowired TasklistFilters tasklistFilters;

  @Test
  void theTier1TaskCarriesTheCaseReferencePrioritySummaryAndOrganisation() {
    Task task = openCase("CASE-2026-QLABEL", "HIGH", "MEDIUM", "Export\nto PDF <b>fails</b>", "Acme Ltd");

    assertThat(task.getPriority()).isEqualTo(70);
    Map<String, Object> local = engine.getTaskService().getVariablesLocal(task.getId());
    assertThat(local).containsEntry(QueueVariables.CASE, "CASE-2026-QLABEL · Export to PDF <b>fails</b>")
        .containsEntry(QueueVariables.PRIORITY, "P1")
        .containsEntry(QueueVariables.ORGANISATION, "Acme Ltd");
    // the case's own summary is untouched: the label is a copy for the list
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CaseVariables.SUMMARY))
        .isEqualTo("Export\nto PDF <b>fails</b>");
  }

  @Test
  void aLeadsTaskOfTheSlaClockCarriesTheLabelsOfItsCase() {
    Task tier1 = openCase("CASE-2026-QLEADS", "HIGH", "HIGH", "Production halted", "Globex");
    Job warning = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getManagementService().createJobQuery()
        .processDefinitionKey("SlaClockProcess").processInstanceId(slaClockOf("CASE-2026-QLEADS")).timers()
        .activityId("BoundaryEvent_FirstResponseWarning").singleResult(), job -> job != null);
    engine.getManagementService().executeJob(warning.getId());

    Task lead = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("CASE-2026-QLEADS")
        .processDefinitionKey("SlaClockProcess").singleResult();
    assertThat(lead.getId()).isNotEqualTo(tier1.getId());
    assertThat(lead.getPriority()).isEqualTo(90);
    assertThat(engine.getTaskService().getVariablesLocal(lead.getId()))
        .containsEntry(QueueVariables.CASE, "CASE-2026-QLEADS · Production halted")
        .containsEntry(QueueVariables.PRIORITY, "P0")
        .containsEntry(QueueVariables.ORGANISATION, "Globex");
  }

  private String slaClockOf(String reference) {
    var instance = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("SlaClockProcess")
        .processInstanceBusinessKey(reference).singleResult();
    return instance == null ? "none" : instance.getId();
  }

  @Test
  void everyQueueListsTheCaseColumnsAndPutsTheMostUrgentCaseFirst() {
    Task p3 = openCase("CASE-2026-QSORT3", "LOW", "LOW", "Question about licences", "Acme Ltd");
    Task p0 = openCase("CASE-2026-QSORT0", "HIGH", "HIGH", "Production down", "Globex");
    Task p2 = openCase("CASE-2026-QSORT2", "MEDIUM", "MEDIUM", "Report is slow", "Initech");

    for (String name : List.of(TasklistFilters.TIER1_QUEUE, TasklistFilters.TIER2_QUEUE,
        TasklistFilters.ENGINEERING_QUEUE, TasklistFilters.LEADS_QUEUE, TasklistFilters.MY_TASKS)) {
      Filter filter = engine.getFilterService().createFilterQuery().filterName(name).singleResult();
      assertThat(filter.getProperties().get("variables")).as(name).isEqualTo(List.of(
          Map.of("name", "queueCase", "label", "Case"), Map.of("name", "queuePriority", "label", "Priority"),
          Map.of("name", "queueOrganisation", "label", "Organisation")));
    }
    Filter tier1 = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.TIER1_QUEUE)
        .singleResult();
    List<String> ids = engine.getFilterService().<Task>list(tier1.getId()).stream().map(Task::getId)
        .filter(id -> List.of(p0.getId(), p2.getId(), p3.getId()).contains(id)).toList();
    assertThat(ids).containsExactly(p0.getId(), p2.getId(), p3.getId());
  }

  @Test
  void aQueueCreatedBeforeTheColumnsExistedIsGivenThemOnceAndAnAdminsLaterChoiceIsKept() {
    Filter filter = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.QA_QUEUE)
        .singleResult();
    Map<String, Object> old = new LinkedHashMap<>(filter.getProperties());
    old.remove("variables");
    engine.getFilterService().saveFilter(filter.setProperties(old)
        .setQuery(engine.getTaskService().createTaskQuery().taskCandidateGroup(Groups.QA).includeAssignedTasks()));

    tasklistFilters.ensure(engine);
    Filter upgraded = engine.getFilterService().getFilter(filter.getId());
    assertThat(upgraded.getProperties()).containsKey("variables").containsEntry("color", old.get("color"));

    Map<String, Object> chosen = new LinkedHashMap<>(upgraded.getProperties());
    chosen.put("variables", List.of(Map.of("name", "queueCase", "label", "Ticket")));
    engine.getFilterService().saveFilter(upgraded.setProperties(chosen));
    tasklistFilters.ensure(engine);
    assertThat(engine.getFilterService().getFilter(filter.getId()).getProperties().get("variables"))
        .isEqualTo(List.of(Map.of("name", "queueCase", "label", "Ticket")));
  }

  private Task openCase(String reference, String impact, String urgency, String summary, String organisation) {
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, summary, CaseVariables.DESCRIPTION, "Seen since Monday",
        CaseVariables.IMPACT, impact, CaseVariables.URGENCY, urgency,
        CaseVariables.ORGANISATION_NAME, organisation));
    return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER1).singleResult(), t -> t != null);
  }
}
