package dev.supportdesk.escalation.tracker;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.tracker.EngineeringTracker.NewTicket;
import dev.supportdesk.escalation.tracker.EngineeringTracker.Ticket;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Open engineering ticket": opens the ticket from the sanitised hand-off and stores its key in
 * {@value EngineeringContract#TICKET_KEY}. The dedup key names the process instance and the step, which
 * stay the same when the job is retried, so a retry gets the ticket already opened.
 */
@Component("openEngineeringTicket")
public class OpenEngineeringTicketDelegate implements JavaDelegate {

  private final EngineeringTracker tracker;

  public OpenEngineeringTicketDelegate(EngineeringTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseReference = execution.getProcessBusinessKey();
    if (caseReference == null || caseReference.isBlank()) {
      throw new IllegalStateException("Process instance " + execution.getProcessInstanceId()
          + " has no case reference (business key): the calling case must pass it on");
    }
    Ticket ticket = tracker.open(new NewTicket(
        caseReference,
        execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId(),
        (String) execution.getVariable(EngineeringContract.ENGINEERING_SUMMARY),
        (String) execution.getVariable(EngineeringContract.ENGINEERING_DESCRIPTION),
        text(execution.getVariable(CaseVariables.PRIORITY)),
        text(execution.getVariable(CaseVariables.SEVERITY))));
    execution.setVariable(EngineeringContract.TICKET_KEY, ticket.key());
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
