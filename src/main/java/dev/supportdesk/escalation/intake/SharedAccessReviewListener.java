package dev.supportdesk.escalation.intake;

import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.DECIDED_BY;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.DECISION;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.DECISION_NOTE;
import static dev.supportdesk.escalation.intake.SharedAccessRequestProcess.NOTE_MAX;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Validates the lead's decision on completion of "Review shared access" (a REST call can skip the
 * form): a decision of APPROVED or REFUSED, and a note when refused. Records who decided.
 */
@Component("sharedAccessReviewListener")
public class SharedAccessReviewListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(DECISION);
    if (!(decision instanceof String value) || !isDecision(value)) {
      throw new ProcessEngineException("Decide the request: " + DECISION + " must be APPROVED or REFUSED");
    }
    Object note = task.getVariable(DECISION_NOTE);
    if (note != null && !(note instanceof String)) {
      throw new ProcessEngineException(DECISION_NOTE + " must be text");
    }
    String text = (String) note;
    if (SharedAccessRequestProcess.Decision.REFUSED.name().equals(value) && (text == null || text.isBlank())) {
      throw new ProcessEngineException("Say why the request is refused: " + DECISION_NOTE + " is required");
    }
    if (text != null && text.length() > NOTE_MAX) {
      throw new ProcessEngineException(DECISION_NOTE + " must be at most " + NOTE_MAX + " characters");
    }
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String decidedBy = current != null ? current.getUserId() : task.getAssignee();
    task.setVariable(DECIDED_BY, decidedBy);
  }

  private static boolean isDecision(String value) {
    for (SharedAccessRequestProcess.Decision d : SharedAccessRequestProcess.Decision.values()) {
      if (d.name().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
