package dev.supportdesk.escalation.conversation.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.inbound-mail.*}: the support mailbox customers write and reply to. Off by default.
 *
 * @param enabled poll the mailbox
 * @param protocol {@code imaps} (TLS, the default) or {@code imap}
 * @param host the IMAP server
 * @param port its port (993 for imaps, 143 for imap when not set)
 * @param username the mailbox's login
 * @param password its password (from the environment: SUPPORT_INBOUND_MAIL_PASSWORD)
 * @param folder the folder to read (INBOX); every unread mail in it is handled and then marked read
 * @param pollInterval time between two polls
 * @param maxPerPoll mails handled in one poll, so one poll never runs for long
 */
@ConfigurationProperties(prefix = "support.inbound-mail")
public record InboundMailProperties(boolean enabled, String protocol, String host, Integer port, String username,
    String password, String folder, Duration pollInterval, Integer maxPerPoll) {

  public InboundMailProperties {
    protocol = protocol == null || protocol.isBlank() ? "imaps" : protocol.strip().toLowerCase(java.util.Locale.ROOT);
    if (!protocol.equals("imap") && !protocol.equals("imaps")) {
      throw new IllegalArgumentException("support.inbound-mail.protocol must be imap or imaps, not " + protocol);
    }
    port = port == null ? (protocol.equals("imaps") ? 993 : 143) : port;
    folder = folder == null || folder.isBlank() ? "INBOX" : folder;
    pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
    maxPerPoll = maxPerPoll == null || maxPerPoll < 1 ? 50 : maxPerPoll;
    if (enabled && (host == null || host.isBlank() || username == null || username.isBlank())) {
      throw new IllegalArgumentException("support.inbound-mail.enabled needs support.inbound-mail.host and .username");
    }
  }
}
