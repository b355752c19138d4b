package dev.supportdesk.escalation.queue;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * Labels every new user task with its case, so Tasklist's queues list "CASE-… · Export to PDF fails",
 * "P1" and "Acme" and sort P0 first. Installed on every user task of every diagram by
 * {@link QueueLabelsPlugin}, so a process owner adding a task in Modeler gets it too.
 *
 * <p>The case's data is read where the task's process sees it (its own scope, then the processes
 * that called it); what a process was not given, such as the SLA clock's organisation name, is read
 * from the case's own instance by its reference. Engineering's tasks show the sanitised engineering
 * summary and no organisation: the hand-off carries no customer data, and neither does its queue.
 */
public class QueueLabelListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    QueueLabel label = labelOf(task);
    task.setPriority(label.taskPriority());
    task.setVariableLocal(QueueVariables.CASE, label.caseLine());
    task.setVariableLocal(QueueVariables.PRIORITY, label.priority());
    if (label.organisation() != null) {
      task.setVariableLocal(QueueVariables.ORGANISATION, label.organisation());
    }
  }

  static QueueLabel labelOf(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    String reference = execution.getProcessBusinessKey();
    if (isEngineering(execution)) {
      return QueueLabel.of(reference, text(seen(execution, CaseVariables.PRIORITY)),
          text(seen(execution, EngineeringContract.ENGINEERING_SUMMARY)), null);
    }
    String priority = text(seen(execution, CaseVariables.PRIORITY));
    String summary = text(seen(execution, CaseVariables.SUMMARY));
    String organisation = text(seen(execution, CaseVariables.ORGANISATION_NAME));
    if ((priority == null || summary == null || organisation == null) && reference != null) {
      Map<String, Object> ofCase = caseVariables(task, reference);
      priority = priority != null ? priority : text(ofCase.get(CaseVariables.PRIORITY));
      summary = summary != null ? summary : text(ofCase.get(CaseVariables.SUMMARY));
      organisation = organisation != null ? organisation : text(ofCase.get(CaseVariables.ORGANISATION_NAME));
    }
    return QueueLabel.of(reference, priority, summary, organisation);
  }

  private static boolean isEngineering(DelegateExecution execution) {
    for (DelegateExecution e = execution; e != null; e = e.getProcessInstance().getSuperExecution()) {
      if (e.getProcessDefinitionId() != null
          && e.getProcessDefinitionId().startsWith(EngineeringContract.PROCESS_ID + ":")) {
        return true;
      }
    }
    return false;
  }

  /** A variable as the task's process sees it, or as a process that called it does. */
  private static Object seen(DelegateExecution execution, String name) {
    for (DelegateExecution e = execution; e != null; e = e.getProcessInstance().getSuperExecution()) {
      Object value = e.getVariable(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static Map<String, Object> caseVariables(DelegateTask task, String reference) {
    var runtime = task.getProcessEngineServices().getRuntimeService();
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(CaseVariables.PROCESS_ID).list().stream().findFirst().orElse(null);
    if (instance == null || instance.getId().equals(task.getProcessInstanceId())) {
      return Map.of();
    }
    Map<String, Object> values = new java.util.HashMap<>();
    for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(instance.getId())
        .variableNameIn(CaseVariables.PRIORITY, CaseVariables.SUMMARY, CaseVariables.ORGANISATION_NAME)
        .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
      if (v.getValue() != null && v.getExecutionId().equals(instance.getId())) {
        values.put(v.getName(), v.getValue());
      }
    }
    return values;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
