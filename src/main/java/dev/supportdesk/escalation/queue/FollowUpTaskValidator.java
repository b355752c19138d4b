package dev.supportdesk.escalation.queue;

import dev.supportdesk.escalation.casefile.TaskInput;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion check of "Follow up: engineering done" ({@code ${followUpTaskValidator}}): the owner says
 * whether the customer has what they need and what was done, also over REST without the form.
 */
@Component("followUpTaskValidator")
public class FollowUpTaskValidator implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    TaskInput input = TaskInput.of(task);
    input.requireBoolean(OwnerVariables.CUSTOMER_INFORMED);
    input.requireText(OwnerVariables.FOLLOW_UP_NOTES, 10, 4_000);
    input.throwIfInvalid();
  }
}
