package dev.supportdesk.escalation.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Mails to support staff (a case owner, a tier's leads): internal, so never recorded in the customer's
 * outbox. Runs inside the asynchronous job of a BPMN step that commits right after it (asyncAfter), so
 * an SMTP failure retries the step until it stands as an incident, and a later failure never resends.
 * The Message-ID comes from the step's own key, so a receiver recognises a resend after a lost
 * acknowledgement. Without SMTP ({@code spring.mail.host}) the mail is only logged.
 */
@Service
public class StaffMail {

  private static final Logger LOG = LoggerFactory.getLogger(StaffMail.class);

  /** One mail to staff; {@code key} identifies the step that sends it. */
  public record Notice(String key, String caseReference, String subject, String body) {}

  private final IdentityService identity;
  private final NotificationProperties properties;
  private final ObjectProvider<JavaMailSender> mailSender;

  public StaffMail(IdentityService identity, NotificationProperties properties,
      ObjectProvider<JavaMailSender> mailSender) {
    this.identity = identity;
    this.properties = properties;
    this.mailSender = mailSender;
  }

  /** Absolute link into the application, e.g. {@code link("/camunda/app/tasklist/")}. */
  public String link(String path) {
    return properties.publicBaseUrl() + path;
  }

  /** E-mail addresses of the users and of the members of the groups, each once; users without one are left out. */
  public List<String> addressesOf(Collection<String> userIds, Collection<String> groupIds) {
    Set<String> addresses = new LinkedHashSet<>();
    for (String userId : userIds) {
      User user = identity.createUserQuery().userId(userId).singleResult();
      add(addresses, user);
    }
    for (String groupId : groupIds) {
      identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list()
          .forEach(user -> add(addresses, user));
    }
    return List.copyOf(addresses);
  }

  /**
   * Sends the notice to every address; returns how many received it (zero without SMTP or recipients).
   * Throws on an SMTP failure.
   */
  public int send(Notice notice, List<String> recipients) {
    if (recipients.isEmpty()) {
      LOG.warn("Case {}: nobody with an e-mail address to tell '{}'", notice.caseReference(), notice.subject());
      return 0;
    }
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      LOG.info("Case {}: staff mail '{}' to {} not sent (no SMTP configured)", notice.caseReference(),
          notice.subject(), recipients);
      return 0;
    }
    sender.send(build(sender, notice, recipients, "staff-" + notice.key(), "auto-generated", null));
    LOG.info("Case {}: staff mail '{}' sent to {}", notice.caseReference(), notice.subject(), recipients);
    return recipients.size();
  }

  /**
   * Answers a mail the support mailbox received ({@code inReplyTo} is its Message-ID), marked as an
   * automatic reply (RFC 3834) so the sender's own auto-responder stays quiet. Returns whether it was
   * sent (false without SMTP); throws on an SMTP failure.
   */
  public boolean answer(Notice notice, String recipient, String inReplyTo) {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      LOG.info("Answer '{}' to an inbound mail not sent (no SMTP configured)", notice.subject());
      return false;
    }
    sender.send(build(sender, notice, List.of(recipient), "answer-" + notice.key(), "auto-replied", inReplyTo));
    LOG.info("Inbound mail {} answered: '{}'", inReplyTo, notice.subject());
    return true;
  }

  private MimeMessage build(JavaMailSender sender, Notice notice, List<String> recipients, String idKey,
      String autoSubmitted, String inReplyTo) {
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper mail = new MimeMessageHelper(message, false, "UTF-8");
      mail.setFrom(properties.from());
      mail.setTo(recipients.toArray(String[]::new));
      mail.setSubject(notice.subject());
      mail.setText(notice.body(), false);
      message.setHeader("Message-ID", MailDelivery.messageId(idKey, properties.messageIdDomain()));
      message.setHeader("Auto-Submitted", autoSubmitted);
      if (notice.caseReference() != null) {
        message.setHeader("X-Case-Reference", notice.caseReference());
      }
      if (inReplyTo != null) {
        message.setHeader("In-Reply-To", inReplyTo);
        message.setHeader("References", inReplyTo);
      }
    } catch (MessagingException e) {
      throw new MailSendException("Cannot build mail " + idKey, e);
    }
    return message;
  }

  private static void add(Set<String> addresses, User user) {
    if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
      addresses.add(user.getEmail().strip());
    }
  }
}
