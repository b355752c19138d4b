package dev.supportdesk.escalation.tracker;

import dev.supportdesk.escalation.engineering.EngineeringContract;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Move ticket to ...": input parameter {@value #STATUS_PARAMETER} names the {@link TicketStatus};
 * the optional input parameter {@value #COMMENT_PARAMETER} is added to the ticket as a comment.
 */
@Component("moveEngineeringTicket")
public class MoveEngineeringTicketDelegate implements JavaDelegate {

  public static final String STATUS_PARAMETER = "ticketStatus";
  public static final String COMMENT_PARAMETER = "ticketComment";

  private final EngineeringTracker tracker;

  public MoveEngineeringTicketDelegate(EngineeringTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketKey = (String) execution.getVariable(EngineeringContract.TICKET_KEY);
    if (ticketKey == null) {
      throw new IllegalStateException("No " + EngineeringContract.TICKET_KEY + " in process instance "
          + execution.getProcessInstanceId() + ": open the ticket before moving it");
    }
    TicketStatus status = TicketStatus.valueOf((String) execution.getVariableLocal(STATUS_PARAMETER));
    tracker.move(ticketKey, status);
    Object comment = execution.getVariableLocal(COMMENT_PARAMETER);
    if (comment != null && !comment.toString().isBlank()) {
      tracker.comment(ticketKey, comment.toString());
    }
  }
}
