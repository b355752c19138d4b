package dev.supportdesk.escalation.sla;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Record SLA breach" in SlaClockProcess: {@code camunda:delegateExpression="${recordSlaBreach}"} with
 * the input parameter {@code slaTarget}.
 */
public class RecordSlaBreachDelegate implements JavaDelegate {

  private final SlaClock slaClock;

  public RecordSlaBreachDelegate(SlaClock slaClock) {
    this.slaClock = slaClock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaTarget target = SlaTarget.valueOf((String) execution.getVariableLocal(SlaVariables.SLA_TARGET));
    slaClock.breach(execution.getProcessBusinessKey(), target);
  }
}
