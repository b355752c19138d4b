package dev.supportdesk.escalation.notification;

import java.time.Instant;
import java.util.List;

/**
 * One customer-facing message of a case, as stored in the outbox.
 *
 * @param htmlBody the HTML alternative of {@code body}; null for rows written before mails had one
 * @param publicText what the customer reads (the mail without greeting, links and signature); null for
 *     rows written before the conversation was kept
 */
public record Notification(
    String id,
    String caseReference,
    NotificationKind kind,
    String recipient,
    String subject,
    String body,
    String status,
    int attempts,
    Instant createdAt,
    Instant sentAt,
    List<String> bccRecipients,
    String htmlBody,
    String publicText) {

  /** Waiting for SMTP (none configured, or not yet sent). */
  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  /** The case has no e-mail address to write to: kept as the case's record only. */
  public static final String NO_RECIPIENT = "NO_RECIPIENT";
}
