package dev.supportdesk.escalation.notification;

import dev.supportdesk.escalation.casefile.CaseVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Turns a case event into the customer's mail, records it in the outbox and, when SMTP is configured
 * ({@code spring.mail.host}), sends it. Runs inside the asynchronous job of a "Notify customer" step:
 * an SMTP failure throws, the job's transaction (outbox row included) rolls back, and the engine
 * retries the job until it ends as an incident. A row already SENT is never sent again.
 */
@Service
public class CustomerNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(CustomerNotifications.class);

  private final NotificationOutbox outbox;
  private final NotificationWatchers watchers;
  private final IdentityService identity;
  private final MailTemplates templates;
  private final MailDelivery delivery;

  public CustomerNotifications(NotificationOutbox outbox, NotificationWatchers watchers, IdentityService identity,
      NotificationProperties properties, ObjectProvider<JavaMailSender> mailSender) {
    this.outbox = outbox;
    this.watchers = watchers;
    this.identity = identity;
    this.templates = new MailTemplates(properties.signature(), properties.publicBaseUrl());
    JavaMailSender sender = mailSender.getIfAvailable();
    this.delivery = sender == null ? null : new MailDelivery(sender, properties.from(), properties.messageIdDomain());
    if (sender == null) {
      LOG.info("No SMTP server configured (spring.mail.host): customer mails stay in the outbox");
    }
  }

  /**
   * @param dedupKey the step asking (its job): one message per step, however often the step is retried
   * @param caseVariables the step's and the case's variables: the mail reads only the summary, the
   *     addresses and the fields written for the customer ({@link PublicReply})
   */
  public Notification notify(String caseReference, NotificationKind kind, String dedupKey,
      Map<String, Object> caseVariables) {
    MailTemplates.Mail mail = templates.render(kind, caseReference, text(caseVariables.get(CaseVariables.SUMMARY)),
        PublicReply.of(kind, caseVariables::get));
    String recipient = text(caseVariables.get(CaseVariables.CUSTOMER_EMAIL));
    List<String> copies = watcherAddresses(text(caseVariables.get(CaseVariables.ORGANISATION_ID)),
        text(caseVariables.get(CaseVariables.CUSTOMER_ID)), recipient);
    Notification notification = outbox.enqueue(dedupKey, caseReference, kind, recipient, copies, mail);
    deliver(notification);
    return notification;
  }

  private void deliver(Notification notification) {
    if (!Notification.PENDING.equals(notification.status())) {
      if (Notification.NO_RECIPIENT.equals(notification.status())) {
        LOG.warn("Case {}: no customer e-mail address, '{}' kept in the outbox only",
            notification.caseReference(), notification.kind());
      }
      return;
    }
    if (delivery == null) {
      LOG.info("Case {}: mail '{}' to the reporter kept in the outbox (no SMTP configured)",
          notification.caseReference(), notification.subject());
      return;
    }
    delivery.send(notification);
    outbox.markSent(notification.id());
    LOG.info("Case {}: mail '{}' sent", notification.caseReference(), notification.kind());
  }

  private List<String> watcherAddresses(String organisationId, String reporterId, String reporterEmail) {
    if (organisationId == null) {
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    for (String userId : watchers.activeWatchers(organisationId)) {
      if (userId.equals(reporterId)) {
        continue;
      }
      // still a member of the organisation, and has an address
      if (identity.createUserQuery().userId(userId).memberOfGroup(organisationId).count() == 0) {
        continue;
      }
      User user = identity.createUserQuery().userId(userId).singleResult();
      String email = user == null ? null : user.getEmail();
      if (email != null && !email.isBlank() && !Objects.equals(email, reporterEmail) && !addresses.contains(email)) {
        addresses.add(email);
      }
    }
    return addresses;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
