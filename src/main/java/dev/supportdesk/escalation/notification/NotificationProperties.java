package dev.supportdesk.escalation.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.notifications.*}: the sender of customer mails. SMTP itself is Spring's
 * {@code spring.mail.*}; without {@code spring.mail.host} mails stay in the outbox.
 *
 * @param from the From address of every customer mail
 * @param signature the last line of every mail
 * @param messageIdDomain the right-hand side of Message-IDs ({@code <outbox-id@domain>})
 * @param publicBaseUrl where this application is reached from outside (mails link to it), without a
 *     trailing slash
 */
@ConfigurationProperties(prefix = "support.notifications")
public record NotificationProperties(String from, String signature, String messageIdDomain, String publicBaseUrl) {

  public NotificationProperties {
    from = from == null || from.isBlank() ? "Customer Support <support@supportdesk.example>" : from;
    signature = signature == null || signature.isBlank() ? "Customer Support" : signature;
    messageIdDomain = messageIdDomain == null || messageIdDomain.isBlank() ? "supportdesk.example" : messageIdDomain;
    publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
        : publicBaseUrl.strip().replaceAll("/+$", "");
  }
}
