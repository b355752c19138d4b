package dev.supportdesk.escalation.notification;

import java.time.Instant;

/** One customer-facing message of a case, as stored in the outbox. */
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
    Instant sentAt) {

  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
}
