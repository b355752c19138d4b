package dev.supportdesk.escalation.problem;

import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotifyCustomerDelegate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The engineering run's "Notify customer" steps of ticket statuses and the release
 * ({@code camunda:delegateExpression="${notifyCustomerAndLinkedCases}"}): the lead case's customer is told as
 * by {@code ${notifyCustomer}}, and in the same transaction every case linked to the ticket gets its own
 * notice process, so each linked customer's mail retries and fails on its own.
 */
@Component("notifyCustomerAndLinkedCases")
public class NotifyCustomerAndLinkedCasesDelegate implements JavaDelegate {

  private final NotifyCustomerDelegate notifyCustomer;
  private final ProblemLinks links;

  public NotifyCustomerAndLinkedCasesDelegate(NotifyCustomerDelegate notifyCustomer, ProblemLinks links) {
    this.notifyCustomer = notifyCustomer;
    this.links = links;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    notifyCustomer.execute(execution);
    links.tellLinkedCases(execution,
        NotificationKind.valueOf((String) execution.getVariableLocal(NotifyCustomerDelegate.KIND_PARAMETER)));
  }
}
