package dev.supportdesk.escalation.support;

import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotifyCustomerDelegate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Process-test stand-in for bean {@code notifyCustomer}: records the kind of each message and its case. */
public class RecordingNotifications implements JavaDelegate {

  public record Sent(String caseReference, NotificationKind kind) {}

  private final List<Sent> sent = new ArrayList<>();

  @Override
  public void execute(DelegateExecution execution) {
    sent.add(new Sent(execution.getProcessBusinessKey(),
        NotificationKind.valueOf((String) execution.getVariableLocal(NotifyCustomerDelegate.KIND_PARAMETER))));
  }

  public List<NotificationKind> kinds() {
    return sent.stream().map(Sent::kind).toList();
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }
}
