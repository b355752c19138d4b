package dev.supportdesk.escalation.notification;

import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Notify customer" service tasks: {@code camunda:delegateExpression="${notifyCustomer}"} with the
 * input parameter {@code notificationKind} naming a {@link NotificationKind}. Modelled with
 * {@code asyncBefore} so a mail failure retries and ends as an incident, never in the agent's form.
 */
@Component("notifyCustomer")
public class NotifyCustomerDelegate implements JavaDelegate {

  public static final String KIND_PARAMETER = "notificationKind";

  private final CustomerNotifications notifications;

  public NotifyCustomerDelegate(CustomerNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NotificationKind kind = NotificationKind.valueOf((String) execution.getVariableLocal(KIND_PARAMETER));
    notifications.notify(execution.getProcessBusinessKey(), kind,
        execution.getActivityInstanceId(), caseVariables(execution));
  }

  /**
   * The case's own variables under the step's: a called process such as engineering never receives the
   * customer's address (its hand-off is sanitised), so the recipient comes from the support case itself.
   */
  static Map<String, Object> caseVariables(DelegateExecution execution) {
    Map<String, Object> variables = new HashMap<>(CaseStatusTracker.rootProcessInstance(execution).getVariables());
    variables.putAll(execution.getVariables());
    return variables;
  }
}
