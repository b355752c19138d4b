package dev.supportdesk.escalation.conversation;

import dev.supportdesk.escalation.casefile.TaskInput;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion check of "Read the customer's message" ({@code ${readCustomerMessageValidator}}), also over
 * REST without the form: the reply for the customer is optional plain text; an empty one is no reply.
 */
@Component("readCustomerMessageValidator")
public class ReadCustomerMessageValidator implements TaskListener {

  static final int MAX_REPLY = 4_000;

  @Override
  public void notify(DelegateTask task) {
    TaskInput input = TaskInput.of(task);
    String reply = input.optionalText(ConversationVariables.SUPPORT_REPLY, MAX_REPLY);
    input.throwIfInvalid();
    // the reply lives in the subprocess's scope (set empty when the message arrived): never the case's
    task.setVariable(ConversationVariables.SUPPORT_REPLY, reply == null ? null : reply.strip());
  }
}
