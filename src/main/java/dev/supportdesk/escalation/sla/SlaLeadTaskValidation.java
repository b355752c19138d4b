package dev.supportdesk.escalation.sla;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Completion check of "Review SLA warning" and "Handle SLA breach" (task listener on {@code complete},
 * {@code ${slaLeadTaskValidation}}): the lead's note is required, also when the task is completed over
 * REST without the form.
 */
public class SlaLeadTaskValidation implements TaskListener {

  static final int MIN_LENGTH = 10;

  @Override
  public void notify(DelegateTask task) {
    String variable = task.getTaskDefinitionKey().startsWith("Task_Review")
        ? SlaVariables.WARNING_NOTE : SlaVariables.BREACH_ACTION;
    Object note = task.getVariable(variable);
    if (!(note instanceof String text) || text.trim().length() < MIN_LENGTH) {
      throw new IllegalArgumentException("'" + variable + "' is required: at least " + MIN_LENGTH
          + " characters saying what the lead did about the SLA " + (variable.equals(SlaVariables.WARNING_NOTE)
          ? "warning" : "breach"));
    }
  }
}
