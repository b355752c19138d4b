package dev.supportdesk.escalation.intake;

import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.DECIDED_BY;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.DECISION_NOTE;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.ORGANISATION_ID;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.REQUEST_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Grant shared access": {@code camunda:delegateExpression="${grantSharedAccess}"}. */
@Component("grantSharedAccess")
public class GrantSharedAccessDelegate implements JavaDelegate {

  private final SharedAccessService sharedAccess;

  public GrantSharedAccessDelegate(SharedAccessService sharedAccess) {
    this.sharedAccess = sharedAccess;
  }

  @Override
  public void execute(DelegateExecution execution) {
    sharedAccess.grant((String) execution.getVariable(REQUEST_ID), (String) execution.getVariable(ORGANISATION_ID),
        (String) execution.getVariable(DECIDED_BY), (String) execution.getVariable(DECISION_NOTE));
  }
}
