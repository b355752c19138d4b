package dev.supportdesk.escalation.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;

/**
 * {@code support_incidents_open{kind}}: open incidents by what failed. A step's kind follows from the
 * delegate the diagram names: "mail" (a customer, owner or lead mail), "tracker" (opening, moving or
 * following an engineering ticket), "other" for everything else (a timer, a decision, a step added in
 * Modeler). Read at every scrape from the engine's open incidents and the deployed diagrams.
 */
class IncidentGauges {

  static final List<String> KINDS = List.of("mail", "tracker", "other");
  static final Map<String, String> KIND_OF_DELEGATE = Map.of(
      "${notifyCustomer}", "mail", "${notifyCaseOwner}", "mail", "${notifySlaLeads}", "mail",
      "${openEngineeringTicket}", "tracker", "${moveEngineeringTicket}", "tracker", "${followTrackerStatus}", "tracker");

  private final ProcessEngine engine;
  private final MeterRegistry registry;
  private final Map<String, String> kindOfStep = new HashMap<>();

  IncidentGauges(ProcessEngine engine, MeterRegistry registry) {
    this.engine = engine;
    this.registry = registry;
  }

  void bind() {
    for (String kind : KINDS) {
      Gauge.builder("support.incidents.open", () -> count(kind)).description("Open incidents by what failed")
          .tag("kind", kind).register(registry);
    }
  }

  private long count(String kind) {
    return engine.getRuntimeService().createIncidentQuery().list().stream()
        .filter(incident -> kind.equals(kindOf(incident))).count();
  }

  private String kindOf(Incident incident) {
    String key = incident.getProcessDefinitionId() + "#" + incident.getActivityId();
    return kindOfStep.computeIfAbsent(key, step -> {
      if (incident.getProcessDefinitionId() == null || incident.getActivityId() == null) {
        return "other";
      }
      ProcessDefinition definition = engine.getRepositoryService().getProcessDefinition(incident.getProcessDefinitionId());
      BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
      var element = model.getModelElementById(incident.getActivityId());
      if (element instanceof ServiceTask task && task.getCamundaDelegateExpression() != null) {
        return KIND_OF_DELEGATE.getOrDefault(task.getCamundaDelegateExpression().strip(), "other");
      }
      return "other";
    });
  }
}
