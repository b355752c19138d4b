package dev.supportdesk.escalation.conversation.mail;

import dev.supportdesk.escalation.casefile.CaseReferences;
import dev.supportdesk.escalation.casefile.PlainTextRule;
import dev.supportdesk.escalation.conversation.mail.InboundMailRecords.Entry;
import dev.supportdesk.escalation.conversation.mail.InboundMailRecords.Outcome;
import dev.supportdesk.escalation.intake.ApiProblem;
import dev.supportdesk.escalation.intake.AttachmentPolicy;
import dev.supportdesk.escalation.intake.CaseAccess;
import dev.supportdesk.escalation.intake.CaseAttachments.AttachmentInfo;
import dev.supportdesk.escalation.intake.CaseConversation;
import dev.supportdesk.escalation.intake.CaseFiles;
import dev.supportdesk.escalation.intake.CaseIntake;
import dev.supportdesk.escalation.intake.CustomerCases;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.intake.OpenCaseRequest;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.notification.NotificationProperties;
import dev.supportdesk.escalation.security.Customer;
import dev.supportdesk.escalation.security.CustomerDirectory;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * What a mail to the support mailbox becomes. A known customer's mail that names one of their open cases
 * (In-Reply-To or References naming a mail of the case, or the reference in the subject) is a message of
 * that case: it answers the question the case waits on, or becomes a task for the tier holding it. A
 * known customer's mail that names none opens a new case; one that names a closed case opens a follow-up
 * case that refers to it (as the API tells a customer to do). An unknown sender is answered politely
 * (once a day at most) and nothing is created. Auto-replies, bounces and list mail are dropped without an
 * answer, so two robots never talk to each other. Files are kept under the limits of the customer API.
 * Every mail is recorded once with what became of it ({@link InboundMailRecords}).
 */
@Service
public class InboundMailHandler {

  private static final Logger LOG = LoggerFactory.getLogger(InboundMailHandler.class);
  static final Duration ONE_ANSWER_PER = Duration.ofDays(1);
  private static final java.util.regex.Pattern REPLY_PREFIX = java.util.regex.Pattern.compile(
      "^\\s*((re|fw|fwd|aw|wg|sv|vs|antw)\\s*(\\[\\d+\\])?\\s*:\\s*)+", java.util.regex.Pattern.CASE_INSENSITIVE);

  private final InboundMailRecords records;
  private final CustomerDirectory customers;
  private final CustomerCases cases;
  private final CaseAccess access;
  private final CaseConversation conversation;
  private final CaseFiles files;
  private final CaseIntake intake;
  private final NotificationOutbox outbox;
  private final NotificationProperties properties;
  private final RuntimeService runtime;
  private final Clock clock;

  @Autowired
  public InboundMailHandler(InboundMailRecords records, CustomerDirectory customers, CustomerCases cases,
      CaseAccess access, CaseConversation conversation, CaseFiles files, CaseIntake intake, NotificationOutbox outbox,
      NotificationProperties properties, RuntimeService runtime) {
    this(records, customers, cases, access, conversation, files, intake, outbox, properties, runtime,
        Clock.systemUTC());
  }

  InboundMailHandler(InboundMailRecords records, CustomerDirectory customers, CustomerCases cases,
      CaseAccess access, CaseConversation conversation, CaseFiles files, CaseIntake intake, NotificationOutbox outbox,
      NotificationProperties properties, RuntimeService runtime, Clock clock) {
    this.records = records;
    this.customers = customers;
    this.cases = cases;
    this.access = access;
    this.conversation = conversation;
    this.files = files;
    this.intake = intake;
    this.outbox = outbox;
    this.properties = properties;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** Handles the mail once: empty when it was handled before (fetched again), else what became of it. */
  public Optional<Entry> handle(InboundMail mail) {
    if (records.find(mail.messageId()).isPresent()) {
      LOG.info("Mail {} was handled before; skipped", mail.messageId());
      return Optional.empty();
    }
    Entry entry = decide(mail);
    records.record(entry);
    LOG.info("Mail {} from {}: {}{}", mail.messageId(), entry.sender(), entry.outcome(),
        entry.caseReference() == null ? "" : " (" + entry.caseReference() + ")");
    return Optional.of(entry);
  }

  private Entry decide(InboundMail mail) {
    if (mail.automated() != null) {
      return entry(mail, Outcome.AUTOMATED, mail.automated(), null);
    }
    if (isOurOwn(mail.sender())) {
      return entry(mail, Outcome.AUTOMATED, "sent by the support mailbox itself", null);
    }
    Optional<Customer> sender = customers.byEmail(mail.sender());
    if (sender.isEmpty()) {
      return unknownSender(mail);
    }
    Customer customer = sender.get();
    if (!PlainTextRule.isPlainText(mail.text())) {
      answer(mail, null, "Your mail was not added to a case",
          "we could not accept your mail because it contains markup (scripts, embedded content or formatting"
              + " tags). Please send it again as plain text; files are welcome as attachments.");
      return entry(mail, Outcome.REFUSED, "not plain text", null);
    }
    String reference = namedCase(mail);
    CustomerCase named = reference == null ? null : readableBy(customer, reference);
    if (named != null && !named.reporterId().equals(customer.id())) {
      answer(mail, named.reference(), "Your mail was not added to case " + named.reference(),
          "only the person who reported case " + named.reference() + " can add to it. Please ask them to reply,"
              + " or write to us without the reference in the subject to open a case of your own.");
      return entry(mail, Outcome.NOT_REPORTER, null, named.reference());
    }
    Files checked = check(mail.files());
    if (mail.text().isBlank() && checked.accepted.isEmpty()) {
      if (!checked.refused.isEmpty()) {
        answerRefusedFiles(mail, named == null ? null : named.reference(), checked, false);
      }
      return entry(mail, Outcome.REFUSED, "no text and no acceptable file", named == null ? null : named.reference());
    }
    if (named != null && conversation.isOpen(named.reference())) {
      try {
        return addToCase(mail, customer, named, checked);
      } catch (ApiProblem closedMeanwhile) {
        if (closedMeanwhile.status().value() != 409) {
          throw closedMeanwhile;
        }
      }
    }
    return openCase(mail, customer, checked, named == null ? null : named.reference());
  }

  private Entry addToCase(InboundMail mail, Customer customer, CustomerCase c, Files checked) {
    List<AttachmentInfo> kept = new ArrayList<>();
    for (InboundMail.File file : checked.files()) {
      kept.add(files.attach(c, customer.id(), file.name(), file.contentType(), file.content(), false));
    }
    String text = withFiles(mail.text(), kept.stream().map(CaseFiles::describe).toList());
    var stored = conversation.addMessage(c, customer.id(), text);
    if (!checked.refused.isEmpty()) {
      answerRefusedFiles(mail, c.reference(), checked, true);
    }
    return entry(mail, Outcome.CASE_MESSAGE, stored.delivered() ? "answered the open question" : "told an agent",
        c.reference());
  }

  private Entry openCase(InboundMail mail, Customer customer, Files checked, String closedReference) {
    String subject = subjectWithoutReference(mail.subject());
    String summary = closedReference == null
        ? (subject.isEmpty() ? "Mail from " + customer.name() : subject)
        : "Follow-up to " + closedReference + (subject.isEmpty() ? "" : ": " + subject);
    String text = mail.text().isBlank() ? "(The mail had no text.)" : mail.text();
    if (closedReference != null) {
      text = text + "\n\n(Written by e-mail in reply to the closed case " + closedReference + ".)";
    }
    text = withFiles(text, checked.accepted.stream().map(a -> a.verdict().fileName()).toList());
    OpenCaseRequest request = new OpenCaseRequest(abbreviate(summary, OpenCaseRequest.SUMMARY_MAX), text,
        null, null, null, null, null, null, null, null, null);
    CustomerCase opened = intake.open(customer, request, idempotencyKey(mail.messageId())).customerCase();
    for (InboundMail.File file : checked.files()) {
      files.attach(opened, customer.id(), file.name(), file.contentType(), file.content(), false);
    }
    if (!checked.refused.isEmpty()) {
      answerRefusedFiles(mail, opened.reference(), checked, true);
    }
    return entry(mail, closedReference == null ? Outcome.CASE_OPENED : Outcome.FOLLOW_UP_OPENED,
        closedReference == null ? null : "follow-up to " + closedReference, opened.reference());
  }

  private Entry unknownSender(InboundMail mail) {
    Instant now = clock.instant();
    if (records.answeredSince(mail.sender(), Outcome.UNKNOWN_SENDER, now.minus(ONE_ANSWER_PER))) {
      return entry(mail, Outcome.UNKNOWN_SENDER, "answered earlier today; not again", null);
    }
    answer(mail, null, "We could not open a case for your mail",
        "thank you for your mail. We could not find a customer account with the address " + mail.sender()
            + ", so we have not opened a case. If you are a customer, please write from the e-mail address of"
            + " your support account, or ask your organisation's support contact to add you.");
    return entry(mail, Outcome.UNKNOWN_SENDER, "answered", null);
  }

  /** The case the mail names: a mail of ours it answers (In-Reply-To, References), else the subject. */
  String namedCase(InboundMail mail) {
    String domain = "@" + properties.messageIdDomain().toLowerCase(Locale.ROOT);
    for (String id : mail.references()) {
      if (!id.toLowerCase(Locale.ROOT).endsWith(domain)) {
        continue;
      }
      String local = id.substring(0, id.length() - domain.length());
      if (CaseReferences.isValid(local)) {
        return local;
      }
      Optional<String> ofMail = outbox.caseOf(local);
      if (ofMail.isPresent()) {
        return ofMail.get();
      }
    }
    if (mail.subject() != null) {
      Matcher m = CaseReferences.FORMAT.matcher(mail.subject().toUpperCase(Locale.ROOT));
      if (m.find()) {
        return m.group();
      }
    }
    return null;
  }

  private CustomerCase readableBy(Customer customer, String reference) {
    try {
      return access.readable(customer, reference);
    } catch (ApiProblem notVisible) {
      // another customer's case looks like none: the mail opens a case of the sender's own
      return null;
    }
  }

  private record Refused(String name, String reason) {}

  /** A file the policy accepted, with the name and type it will be stored under. */
  private record Accepted(InboundMail.File file, AttachmentPolicy.Accepted verdict) {}

  private static final class Files {
    final List<Accepted> accepted = new ArrayList<>();
    final List<Refused> refused = new ArrayList<>();

    List<InboundMail.File> files() {
      return accepted.stream().map(Accepted::file).toList();
    }
  }

  private static Files check(List<InboundMail.File> attached) {
    Files checked = new Files();
    for (InboundMail.File file : attached) {
      try {
        checked.accepted.add(new Accepted(file, AttachmentPolicy.check(file.name(), file.contentType(), file.content())));
      } catch (ApiProblem refused) {
        checked.refused.add(new Refused(file.name(),
            refused.errors().isEmpty() ? refused.getMessage() : refused.errors().get(0).message()));
      }
    }
    return checked;
  }

  private void answerRefusedFiles(InboundMail mail, String reference, Files checked, boolean mailKept) {
    StringBuilder body = new StringBuilder(mailKept
        ? "thank you for your mail" + (reference == null ? "" : " about case " + reference)
            + ". We added it, but could not keep these files:\n\n"
        : "we could not keep the files of your mail, and it had no text, so nothing was added:\n\n");
    for (Refused refused : checked.refused) {
      body.append("- ").append(oneLine(refused.name())).append(": ").append(refused.reason()).append('\n');
    }
    body.append("\nWe accept .txt, .log, .json, .png, .jpg, .pdf and .zip files of at most 10 MB each.");
    answer(mail, reference, reference == null ? "Files not accepted" : "[" + reference + "] Files not accepted",
        body.toString());
  }

  /** Starts "Answer an inbound mail": the answer leaves in a job of its own, retried, an incident when it cannot. */
  private void answer(InboundMail mail, String reference, String subject, String paragraph) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(InboundMailVariables.REPLY_TO, mail.sender());
    variables.put(InboundMailVariables.REPLY_SUBJECT, subject);
    variables.put(InboundMailVariables.REPLY_BODY, "Hello,\n\n" + paragraph + "\n\n-- \n" + properties.signature() + "\n");
    variables.put(InboundMailVariables.IN_REPLY_TO, mail.messageId());
    variables.put(InboundMailVariables.CASE_REFERENCE, reference);
    runtime.startProcessInstanceByKey(InboundMailVariables.PROCESS_ID, variables);
  }

  private boolean isOurOwn(String sender) {
    try {
      InternetAddress ours = new InternetAddress(properties.from());
      return ours.getAddress() != null && ours.getAddress().equalsIgnoreCase(sender);
    } catch (AddressException e) {
      return false;
    }
  }

  private Entry entry(InboundMail mail, Outcome outcome, String detail, String reference) {
    return new Entry(mail.messageId(), mail.sender(), mail.subject(), outcome, detail, reference, clock.instant());
  }

  private static String withFiles(String text, List<String> names) {
    String files = names.isEmpty() ? "" : "Files attached: " + String.join(", ", names);
    String body = text.isBlank() ? files : files.isEmpty() ? text : text + "\n\n" + files;
    int max = OpenCaseRequest.TEXT_MAX;
    if (body.length() <= max) {
      return body;
    }
    String note = "\n[… shortened: the mail was longer than " + max + " characters]" + (files.isEmpty() ? "" : "\n" + files);
    return text.substring(0, Math.max(0, max - note.length())) + note;
  }

  static String subjectWithoutReference(String subject) {
    if (subject == null) {
      return "";
    }
    String line = subject.replaceAll("[\\r\\n\\t]+", " ");
    line = REPLY_PREFIX.matcher(line).replaceFirst("");
    line = line.replaceAll("\\[?" + CaseReferences.FORMAT.pattern() + "\\]?", "").replaceAll("\\s+", " ").strip();
    line = REPLY_PREFIX.matcher(line).replaceFirst("").strip();
    return PlainTextRule.isPlainText(line) ? line : "";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** The new case's Idempotency-Key: the mail's record key, so a mail fetched twice opens one case. */
  static String idempotencyKey(String messageId) {
    return "mail:" + InboundMailRecords.key(messageId);
  }
}
