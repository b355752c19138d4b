package dev.supportdesk.escalation.conversation.mail;

import java.util.List;

/**
 * One mail the support mailbox received, as far as support reads it.
 *
 * @param messageId the sender's Message-ID (or one derived from the content when it had none)
 * @param sender the From address, as written
 * @param references the message ids of In-Reply-To and References, without angle brackets
 * @param text what the customer wrote: the plain text (or the HTML as text) without the quoted mail below
 * @param automated why the mail was written by a machine (auto-reply, bounce, list), or null
 * @param unreadable why the mail cannot be read as text (parts that could not be decoded), or null
 */
public record InboundMail(String messageId, String sender, String subject, List<String> references, String text,
    List<File> files, String automated, String unreadable) {

  /** A file the mail carried, as its sender named and typed it. */
  public record File(String name, String contentType, byte[] content) {}

  public InboundMail {
    references = List.copyOf(references);
    files = List.copyOf(files);
  }
}
