package dev.supportdesk.escalation.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) for one test class, on a free port:
 * {@code @RegisterExtension static final Smtp smtp = new Smtp();} and, in the class's
 * {@code @DynamicPropertySource}, {@code smtp.register(registry)}.
 */
public final class Smtp implements BeforeAllCallback, AfterAllCallback {

  private final int port = FreePort.next();
  private GreenMail server;

  /** Points the application's mail sender at this server. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop();
  }

  public MimeMessage[] received() {
    return server.getReceivedMessages();
  }

  /** The mails with {@code address} among their recipients, in the order received. */
  public List<MimeMessage> to(String address) {
    List<MimeMessage> found = new ArrayList<>();
    try {
      for (MimeMessage message : server.getReceivedMessages()) {
        if (message.getAllRecipients() != null && Arrays.stream(message.getAllRecipients())
            .anyMatch(recipient -> recipient.toString().contains(address))) {
          found.add(message);
        }
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }
}
