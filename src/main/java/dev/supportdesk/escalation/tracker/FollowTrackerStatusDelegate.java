package dev.supportdesk.escalation.tracker;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.engineering.EngineeringVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Follow ticket status" (event sub-process "Ticket moved in tracker" of the engineering process): the
 * tracker reported {@value CaseMessages#TRACKER_STATUS}. Unless the process already follows that status,
 * the case's customer-facing status becomes its ENGINEERING_ counterpart and
 * {@value EngineeringVariables#TRACKER_NOTIFICATION_KIND} names the customer message to send (null: none).
 * Which reports are news (order, repeats, reopening) is decided before the message is sent, by the tracker.
 */
@Component("followTrackerStatus")
public class FollowTrackerStatusDelegate implements JavaDelegate {

  private final CaseStatusTracker caseStatus;

  public FollowTrackerStatusDelegate(CaseStatusTracker caseStatus) {
    this.caseStatus = caseStatus;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TicketStatus reported = TicketStatus.valueOf((String) execution.getVariable(CaseMessages.TRACKER_STATUS));
    Object followed = execution.getVariable(EngineeringVariables.FOLLOWED_TICKET_STATUS);
    if (reported.name().equals(followed)) {
      execution.setVariableLocal(EngineeringVariables.TRACKER_NOTIFICATION_KIND, null);
      return;
    }
    execution.getProcessInstance().setVariable(EngineeringVariables.FOLLOWED_TICKET_STATUS, reported.name());
    String engineeringStatus = "ENGINEERING_" + reported.name();
    caseStatus.enter(execution, engineeringStatus);
    execution.setVariableLocal(EngineeringVariables.TRACKER_NOTIFICATION_KIND, engineeringStatus);
  }
}
