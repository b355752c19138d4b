package dev.supportdesk.escalation.conversation.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads a received mail the way a help desk does: who sent it, which earlier mails it answers, the text
 * the sender wrote above the quoted mail, its files, and whether a machine wrote it. Machines are told
 * apart by the headers RFC 3834 and mailing lists set ({@code Auto-Submitted}, {@code Precedence},
 * {@code List-Id}), by delivery reports (bounces: {@code multipart/report}, an empty Return-Path,
 * mailer-daemon or postmaster as sender) and by the subjects auto-replies carry; a sender's domain that
 * failed DMARC at the receiving server ({@code Authentication-Results}) is treated as forged.
 */
public final class InboundMailParser {

  /** Files larger than this are not read into memory; they are reported to the sender as refused. */
  static final int MAX_FILE_BYTES = 10 * 1024 * 1024 + 1;
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern MACHINE_SENDER = Pattern.compile(
      "^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+@.-].*)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
      "^(auto(matic)?[ -]?(reply|response)|out of (the )?office|undeliver(able|ed)|delivery status notification"
          + "|mail delivery (failed|failure|system)|returned mail|abwesenheitsnotiz|r[ée]ponse automatique)",
      Pattern.CASE_INSENSITIVE);
  /** Where the quoted mail starts: "On Mon, 7 Dec 2026 Support wrote:", Outlook's separator and header block. */
  private static final Pattern QUOTE_START = Pattern.compile(
      "^(On\\s.{1,300}\\swrote:\\s*|Am\\s.{1,300}\\sschrieb.{0,100}:\\s*|-{2,}\\s*Original Message\\s*-{2,}\\s*"
          + "|_{10,}\\s*|From:\\s.+)$", Pattern.CASE_INSENSITIVE);

  private InboundMailParser() {}

  public static InboundMail parse(MimeMessage message) throws MessagingException, IOException {
    String messageId = message.getMessageID();
    if (messageId == null || messageId.isBlank()) {
      messageId = "<sha256-" + sha256(message) + "@no-message-id>";
    }
    String sender = sender(message);
    String subject = decode(message.getSubject());
    List<String> references = new ArrayList<>();
    ids(message.getHeader("In-Reply-To"), references);
    ids(message.getHeader("References"), references);
    Body body = new Body();
    try {
      walk(message, body);
    } catch (MessagingException | IOException | RuntimeException e) {
      body.unreadable = "the mail's parts could not be read (" + e.getClass().getSimpleName() + ")";
    }
    String text = body.plain != null ? body.plain : body.html != null ? htmlAsText(body.html) : "";
    return new InboundMail(messageId.strip(), sender, subject, references, withoutQuote(normalise(text)),
        body.files, automated(message, sender, subject), body.unreadable);
  }

  /** Why a machine wrote this mail, or null when a person did. */
  static String automated(MimeMessage message, String sender, String subject) throws MessagingException {
    String autoSubmitted = header(message, "Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return "Auto-Submitted: " + autoSubmitted.strip();
    }
    String precedence = header(message, "Precedence");
    if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
      return "Precedence: " + precedence.strip();
    }
    for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder", "List-Id", "List-Unsubscribe")) {
      if (header(message, name) != null) {
        return name + " header";
      }
    }
    String type = message.getContentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
      return "delivery report (multipart/report)";
    }
    String returnPath = header(message, "Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      return "empty Return-Path (a bounce)";
    }
    if (sender == null) {
      return "no sender address";
    }
    if (MACHINE_SENDER.matcher(sender.substring(0, sender.indexOf('@') < 0 ? sender.length() : sender.indexOf('@')))
        .matches()) {
      return "sent by " + sender;
    }
    if (subject != null && AUTO_REPLY_SUBJECT.matcher(subject.strip()).find()) {
      return "auto-reply subject";
    }
    String authentication = header(message, "Authentication-Results");
    if (authentication != null && authentication.toLowerCase(Locale.ROOT).contains("dmarc=fail")) {
      return "sender domain failed DMARC (forged sender)";
    }
    return null;
  }

  /** The text above the quoted mail: a reply's quote (and anything after its first line) is not the customer's news. */
  static String withoutQuote(String text) {
    List<String> kept = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (QUOTE_START.matcher(line.strip()).matches() && !kept.stream().allMatch(String::isBlank)) {
        break;
      }
      if (line.startsWith(">")) {
        continue;
      }
      kept.add(line);
    }
    return String.join("\n", kept).strip();
  }

  private static String normalise(String text) {
    StringBuilder clean = new StringBuilder(text.length());
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    for (int i = 0; i < unified.length(); i++) {
      char c = unified.charAt(i);
      if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f)) {
        clean.append(c == '\u00a0' ? ' ' : c);
      }
    }
    return clean.toString();
  }

  /** HTML mail as the text a reader sees: line breaks where blocks end, no tags, entities decoded. */
  static String htmlAsText(String html) {
    String text = html.replaceAll("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>", "")
        .replaceAll("(?is)<blockquote\\b.*?</blockquote\\s*>", "\n")
        .replaceAll("(?i)<br\\s*/?>", "\n")
        .replaceAll("(?i)</(p|div|li|tr|h[1-6]|table)\\s*>", "\n")
        .replaceAll("(?s)<!--.*?-->", "")
        .replaceAll("(?s)<[^>]*>", "");
    return HtmlUtils.htmlUnescape(text).replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n");
  }

  private static final class Body {
    String plain;
    String html;
    final List<InboundMail.File> files = new ArrayList<>();
    String unreadable;
  }

  private static void walk(Part part, Body body) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child, body);
      }
      return;
    }
    if (part.isMimeType("message/rfc822")) {
      // a forwarded mail: kept as a file would need a type we accept; its text is the sender's business
      return;
    }
    String fileName = decode(part.getFileName());
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
    if (!attachment && part.isMimeType("text/plain") && body.plain == null) {
      body.plain = text(part);
    } else if (!attachment && part.isMimeType("text/html") && body.html == null) {
      body.html = text(part);
    } else if (attachment) {
      body.files.add(new InboundMail.File(fileName == null ? "attachment" : fileName, baseType(part.getContentType()),
          bytes(part.getInputStream())));
    }
  }

  private static String text(Part part) throws MessagingException, IOException {
    Object content = part.getContent();
    return content instanceof String s ? s : new String(bytes(part.getInputStream()), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(InputStream in) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        if (out.size() > MAX_FILE_BYTES) {
          // enough to know it is too large; the policy refuses it by size
          break;
        }
      }
      return out.toByteArray();
    }
  }

  private static String sender(MimeMessage message) throws MessagingException {
    Address[] from;
    try {
      from = message.getFrom();
    } catch (MessagingException e) {
      return null;
    }
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
        || address.getAddress() == null || !address.getAddress().contains("@")) {
      return null;
    }
    return address.getAddress().strip();
  }

  private static void ids(String[] headers, List<String> into) {
    if (headers == null) {
      return;
    }
    for (String header : headers) {
      Matcher m = MESSAGE_ID.matcher(header);
      while (m.find()) {
        if (!into.contains(m.group(1))) {
          into.add(m.group(1));
        }
      }
    }
  }

  private static String header(MimeMessage message, String name) throws MessagingException {
    return message.getHeader(name, ",");
  }

  private static String decode(String value) {
    if (value == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(value);
    } catch (java.io.UnsupportedEncodingException e) {
      return value;
    }
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  private static String sha256(MimeMessage message) throws MessagingException, IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    message.writeTo(raw);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
