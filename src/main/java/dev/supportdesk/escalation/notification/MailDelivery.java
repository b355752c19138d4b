package dev.supportdesk.escalation.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends one outbox row over SMTP, as plain text with an HTML alternative. The Message-ID is derived from
 * the outbox id, so a receiver that sees a resend (after a lost acknowledgement) can recognise it as the
 * same message; In-Reply-To and References name the case's thread.
 */
public class MailDelivery {

  private final JavaMailSender sender;
  private final String from;
  private final String messageIdDomain;

  public MailDelivery(JavaMailSender sender, String from, String messageIdDomain) {
    this.sender = sender;
    this.from = from;
    this.messageIdDomain = messageIdDomain;
  }

  public static String messageId(String outboxId, String domain) {
    return "<" + outboxId + "@" + domain + ">";
  }

  /** The thread of a case: no mail carries it as its own Message-ID, every mail of the case refers to it. */
  public static String threadId(String caseReference, String domain) {
    return "<" + caseReference + "@" + domain + ">";
  }

  /** Throws on any SMTP failure, so the job that called it retries and ends as an incident. */
  public void send(Notification notification) {
    MimeMessage message = sender.createMimeMessage();
    try {
      boolean alternative = notification.htmlBody() != null;
      MimeMessageHelper mail = new MimeMessageHelper(message, alternative, "UTF-8");
      mail.setFrom(from);
      mail.setTo(notification.recipient());
      if (!notification.bccRecipients().isEmpty()) {
        mail.setBcc(notification.bccRecipients().toArray(String[]::new));
      }
      mail.setSubject(notification.subject());
      if (alternative) {
        mail.setText(notification.body(), notification.htmlBody());
      } else {
        mail.setText(notification.body(), false);
      }
      message.setHeader("Message-ID", messageId(notification.id(), messageIdDomain));
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Case-Reference", notification.caseReference());
      // every mail of a case answers the case's thread, so mail clients show one conversation and a
      // customer's reply names the case in In-Reply-To / References
      message.setHeader("In-Reply-To", threadId(notification.caseReference(), messageIdDomain));
      message.setHeader("References", threadId(notification.caseReference(), messageIdDomain));
    } catch (MessagingException e) {
      throw new MailSendException("Cannot build mail " + notification.id(), e);
    }
    sender.send(message);
  }
}
