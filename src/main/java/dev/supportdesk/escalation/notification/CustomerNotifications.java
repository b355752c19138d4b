package dev.supportdesk.escalation.notification;

import java.util.Map;
import org.springframework.stereotype.Service;

/** Turns a case event into the customer's message and records it in the outbox. */
@Service
public class CustomerNotifications {

  private final NotificationOutbox outbox;

  public CustomerNotifications(NotificationOutbox outbox) {
    this.outbox = outbox;
  }

  /**
   * @param dedupKey the step asking (its activity instance id): one message per step, however often
   *     the step is retried
   */
  public Notification notify(String caseReference, NotificationKind kind, String dedupKey,
      Map<String, Object> caseVariables) {
    String subject = "[" + caseReference + "] " + kind.subject();
    Object summary = caseVariables.get(dev.supportdesk.escalation.casefile.CaseVariables.SUMMARY);
    String body = kind.subject() + (summary == null ? "" : "\n\nCase: " + summary)
        + "\nReference: " + caseReference;
    Object recipient = caseVariables.get(dev.supportdesk.escalation.casefile.CaseVariables.CUSTOMER_EMAIL);
    return outbox.enqueue(dedupKey, caseReference, kind, recipient == null ? null : recipient.toString(),
        subject, body);
  }
}
