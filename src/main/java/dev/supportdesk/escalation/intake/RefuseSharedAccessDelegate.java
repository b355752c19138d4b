package dev.supportdesk.escalation.intake;

import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.DECIDED_BY;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.DECISION_NOTE;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.REQUEST_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record refusal": {@code camunda:delegateExpression="${refuseSharedAccess}"}. */
@Component("refuseSharedAccess")
public class RefuseSharedAccessDelegate implements JavaDelegate {

  private final SharedAccessService sharedAccess;

  public RefuseSharedAccessDelegate(SharedAccessService sharedAccess) {
    this.sharedAccess = sharedAccess;
  }

  @Override
  public void execute(DelegateExecution execution) {
    sharedAccess.refuse((String) execution.getVariable(REQUEST_ID), (String) execution.getVariable(DECIDED_BY),
        (String) execution.getVariable(DECISION_NOTE));
  }
}
