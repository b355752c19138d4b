package dev.supportdesk.escalation.queue;

import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.engineering.EngineeringVariables;
import dev.supportdesk.escalation.notification.StaffMail;
import dev.supportdesk.escalation.security.Groups;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Tell case owner: engineering done" ({@code ${notifyCaseOwner}}): mails the case owner (seed 000:
 * "the Support Specialist responsible for your case will receive a message") that engineering
 * finished, with the ticket and the release, and a link to Tasklist. A case nobody owns yet goes to
 * the Tier 1 leads, who assign it. Modelled asyncBefore and asyncAfter: an SMTP failure retries the
 * step and stands as an incident, and a mail sent is never sent again.
 */
@Component("notifyCaseOwner")
public class NotifyCaseOwnerDelegate implements JavaDelegate {

  private final StaffMail mail;
  private final CaseOwnership ownership;

  public NotifyCaseOwnerDelegate(StaffMail mail, CaseOwnership ownership) {
    this.mail = mail;
    this.ownership = ownership;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    String owner = ownership.ownerOf(execution);
    List<String> recipients = owner == null ? List.of() : mail.addressesOf(List.of(owner), List.of());
    boolean toLeads = recipients.isEmpty();
    if (toLeads) {
      recipients = mail.addressesOf(List.of(), List.of(Groups.TIER1_LEADS));
    }
    mail.send(new StaffMail.Notice(execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId(),
        reference, "[" + reference + "] Engineering is done: " + text(execution, EngineeringContract.ENGINEERING_SUMMARY),
        body(execution, reference, owner, toLeads)), recipients);
  }

  private String body(DelegateExecution execution, String reference, String owner, boolean toLeads) {
    StringBuilder body = new StringBuilder();
    if (toLeads) {
      body.append(owner == null ? "Case " + reference + " has no owner yet"
              : "The owner of case " + reference + " (" + owner + ") has no e-mail address")
          .append(": please assign it to a Tier 1 agent.\n\n");
    }
    body.append("Engineering has finished its work on case ").append(reference).append(".\n\n")
        .append("Summary: ").append(text(execution, EngineeringContract.ENGINEERING_SUMMARY)).append('\n')
        .append("Ticket: ").append(text(execution, EngineeringContract.TICKET_KEY)).append('\n')
        .append("Release: ").append(text(execution, EngineeringVariables.RELEASE_VERSION)).append('\n')
        .append("Path: ").append(text(execution, EngineeringVariables.RELEASE_PATH)).append("\n\n")
        .append("The customer has been told that engineering is done. As the case owner, make sure they have what")
        .append(" they need: your follow-up task is in Tasklist under \"").append(CaseOwnership.MY_CASES).append("\":\n")
        .append(mail.link("/camunda/app/tasklist/")).append('\n');
    return body.toString();
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank() ? "-" : value.toString();
  }
}
