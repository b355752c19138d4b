package dev.supportdesk.escalation.notification;

import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
    notifications.notify(execution.getProcessBusinessKey(), kind, dedupKey(execution, kind),
        caseVariables(execution, kind));
  }

  /**
   * The step's job (every notify step is {@code asyncBefore}): a job keeps its id through retries and
   * through a crash of the node that ran it, so a mail resent after a crash (SMTP accepted it, the node
   * died before the commit) carries the same Message-ID and mail clients show it once. The activity
   * instance id would be new on every attempt.
   */
  static String dedupKey(DelegateExecution execution, NotificationKind kind) {
    if (kind.isTicketStatus()) {
      // the outbox keeps one message per key: a ticket status reached twice (Jira reported the
      // engineer's move, then the process made the same move) is told once per engineering run
      return "ticket-status:" + execution.getProcessInstanceId() + ":" + kind.name();
    }
    return dedupKey(execution);
  }

  static String dedupKey(DelegateExecution execution) {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    if (job != null && job.getActivityId() != null && job.getActivityId().equals(execution.getCurrentActivityId())) {
      return "job:" + job.getId();
    }
    return execution.getActivityInstanceId();
  }

  /**
   * The case's own variables under the step's: a called process such as engineering never receives the
   * customer's address (its hand-off is sanitised), so the recipient comes from the support case itself.
   * Under both, the public fields of the kind that another process of the case holds: "solved, planned for
   * release" is told by the case while engineering, which planned the release, still runs.
   */
  static Map<String, Object> caseVariables(DelegateExecution execution, NotificationKind kind) {
    Map<String, Object> variables = new HashMap<>();
    List<String> publicFields = PublicReply.variablesOf(kind);
    if (!publicFields.isEmpty() && execution.getProcessBusinessKey() != null) {
      RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
      for (ProcessInstance other : runtime.createProcessInstanceQuery()
          .processInstanceBusinessKey(execution.getProcessBusinessKey()).list()) {
        runtime.getVariables(other.getId(), publicFields).forEach((name, value) -> {
          if (value != null) {
            variables.putIfAbsent(name, value);
          }
        });
      }
    }
    variables.putAll(CaseStatusTracker.rootProcessInstance(execution).getVariables());
    variables.putAll(execution.getVariables());
    return variables;
  }
}
