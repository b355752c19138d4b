package dev.supportdesk.escalation.conversation.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls the support mailbox over IMAP (Jakarta Mail): every unread mail of the folder is handed to
 * {@link InboundMailHandler} and then marked read. A mail whose handling fails (the database is down)
 * stays unread and is tried again at the next poll; a mail fetched twice counts once (its Message-ID is
 * recorded), so a crash between handling and marking never duplicates a case.
 */
public class InboundMailPoller {

  private static final Logger LOG = LoggerFactory.getLogger(InboundMailPoller.class);

  private final InboundMailProperties properties;
  private final InboundMailHandler handler;

  public InboundMailPoller(InboundMailProperties properties, InboundMailHandler handler) {
    this.properties = properties;
    this.handler = handler;
  }

  @Scheduled(initialDelayString = "${support.inbound-mail.poll-interval:PT1M}",
      fixedDelayString = "${support.inbound-mail.poll-interval:PT1M}")
  public void poll() {
    try {
      int handled = pollOnce();
      if (handled > 0) {
        LOG.info("Support mailbox: {} mail(s) handled", handled);
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.warn("Support mailbox {}@{} could not be read: {}", properties.username(), properties.host(), e.toString());
    }
  }

  /** One poll: returns how many mails were handled (skipped repeats included). */
  public synchronized int pollOnce() throws MessagingException {
    Properties session = new Properties();
    String protocol = properties.protocol();
    session.put("mail.store.protocol", protocol);
    session.put("mail." + protocol + ".connectiontimeout", "10000");
    session.put("mail." + protocol + ".timeout", "30000");
    session.put("mail." + protocol + ".writetimeout", "30000");
    session.put("mail." + protocol + ".partialfetch", "false");
    if (protocol.equals("imaps")) {
      session.put("mail.imaps.ssl.checkserveridentity", "true");
    }
    Store store = Session.getInstance(session).getStore(protocol);
    store.connect(properties.host(), properties.port(), properties.username(), properties.password());
    try {
      Folder folder = store.getFolder(properties.folder());
      folder.open(Folder.READ_WRITE);
      try {
        Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        int handled = 0;
        for (Message message : unread) {
          if (handled == properties.maxPerPoll()) {
            break;
          }
          if (handle((MimeMessage) message)) {
            message.setFlag(Flags.Flag.SEEN, true);
          }
          handled++;
        }
        return handled;
      } finally {
        folder.close(false);
      }
    } finally {
      store.close();
    }
  }

  private boolean handle(MimeMessage message) {
    try {
      // a copy: IMAP messages load lazily, and the handler reads parts more than once
      handler.handle(InboundMailParser.parse(new MimeMessage(message)));
      return true;
    } catch (Exception e) {
      LOG.error("Support mailbox: a mail could not be handled and stays unread for the next poll", e);
      return false;
    }
  }
}
