package dev.supportdesk.escalation.conversation.mail;

import dev.supportdesk.escalation.notification.StaffMail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Answer the sender": mails the prepared answer to the sender of an inbound mail; an SMTP failure retries the job. */
@Component("answerInboundMail")
public class AnswerInboundMailDelegate implements JavaDelegate {

  private final StaffMail mail;

  public AnswerInboundMailDelegate(StaffMail mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reference = execution.getVariable(InboundMailVariables.CASE_REFERENCE);
    mail.answer(new StaffMail.Notice(execution.getProcessInstanceId(), reference == null ? null : reference.toString(),
            (String) execution.getVariable(InboundMailVariables.REPLY_SUBJECT),
            (String) execution.getVariable(InboundMailVariables.REPLY_BODY)),
        (String) execution.getVariable(InboundMailVariables.REPLY_TO),
        (String) execution.getVariable(InboundMailVariables.IN_REPLY_TO));
  }
}
