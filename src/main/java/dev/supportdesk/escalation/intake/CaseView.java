package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.intake.CaseAttachments.AttachmentInfo;
import dev.supportdesk.escalation.intake.CaseMessagesStore.StoredMessage;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.notification.Notification;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.sla.SlaClock;
import dev.supportdesk.escalation.sla.SlaClockView;
import dev.supportdesk.escalation.sla.SlaVariables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * The customer's picture of a case: what they submitted, the customer-facing status and a timeline of
 * status changes, mails, their messages and files, and the SLA targets of the case. Built from the
 * customer's own tables, the status history, the outbox and the SLA records only: never from agents'
 * variables, notes, findings or engine ids.
 */
@Service
public class CaseView {

  public record Status(String code, String label) {
    static Status of(CaseStatus status) {
      return new Status(status.name(), status.label());
    }
  }

  public record Summary(String reference, String summary, CaseType type, Status status, String reportedBy,
      Instant openedAt) {}

  public record TimelineEntry(Instant at, String type, String code, String title) {}

  public record Details(String reference, CaseType type, String summary, String description, String product,
      String version, String stepsToReproduce, String errorMessages, String recentChanges, String environment,
      String impact, String urgency, Status status, boolean open, String reportedBy, Instant openedAt,
      List<TimelineEntry> timeline, List<ConversationEntry> conversation, List<SlaTargetView> sla) {}

  /**
   * One message of the case's conversation, in order: what support wrote to the customer (the mail's
   * message, with the agent's words for the customer) and what the customer's side wrote or attached.
   *
   * @param from {@code SUPPORT} or {@code CUSTOMER}
   * @param author the customer login that wrote it; null for support (agents are not named)
   * @param kind the mail's kind, or the customer message's kind ({@code MESSAGE}, {@code ATTACHMENT}, …)
   */
  public record ConversationEntry(Instant at, String from, String author, String kind, String title, String text) {}

  /**
   * One promise of the case as the customer sees it: which target, within how much working time, by when
   * (none while the case waits on the customer or once met), its state and when it was met. Not shown:
   * the responsible tier, pause reasons, priority and the elapsed times (auditors read those).
   */
  public record SlaTargetView(String target, int round, String promisedWithin, Instant due, String state,
      Instant metAt) {
    static SlaTargetView of(SlaClockView clock) {
      return new SlaTargetView(clock.target().name(), clock.round(), clock.targetDuration(), clock.due(),
          clock.state().name(), clock.metAt());
    }
  }

  public record NotificationView(String kind, String subject, String body, String delivery, Instant createdAt,
      Instant sentAt) {}

  static final String SUPPORT = "SUPPORT";
  static final String CUSTOMER = "CUSTOMER";

  private final CaseStatusTracker statusTracker;
  private final NotificationOutbox outbox;
  private final CaseMessagesStore messages;
  private final CaseAttachments attachments;
  private final RuntimeService runtime;
  private final SlaClock slaClock;

  public CaseView(CaseStatusTracker statusTracker, NotificationOutbox outbox, CaseMessagesStore messages,
      CaseAttachments attachments, RuntimeService runtime, SlaClock slaClock) {
    this.statusTracker = statusTracker;
    this.outbox = outbox;
    this.messages = messages;
    this.attachments = attachments;
    this.runtime = runtime;
    this.slaClock = slaClock;
  }

  public Summary summary(CustomerCase c) {
    return new Summary(c.reference(), c.summary(), c.type(), Status.of(status(c.reference())), c.reporterName(),
        c.createdAt());
  }

  public Details details(CustomerCase c) {
    List<TimelineEntry> timeline = new ArrayList<>();
    List<CaseStatusTracker.Entry> history = statusTracker.history(c.reference());
    if (history.isEmpty()) {
      timeline.add(new TimelineEntry(c.createdAt(), "STATUS", CaseStatus.RECEIVED.name(), CaseStatus.RECEIVED.label()));
    }
    for (CaseStatusTracker.Entry entry : history) {
      timeline.add(new TimelineEntry(entry.enteredAt(), "STATUS", entry.status().name(), entry.status().label()));
    }
    for (Notification n : outbox.forCase(c.reference())) {
      timeline.add(new TimelineEntry(n.createdAt(), "NOTIFICATION", n.kind().name(), n.kind().subject()));
    }
    for (StoredMessage m : messages.forCase(c.reference())) {
      timeline.add(new TimelineEntry(m.createdAt(), m.kind().name(), null, title(m.kind())));
    }
    for (AttachmentInfo a : attachments.forCase(c.reference())) {
      timeline.add(new TimelineEntry(a.uploadedAt(), "ATTACHMENT", null, "File attached: " + a.fileName()));
    }
    timeline.sort(Comparator.comparing(TimelineEntry::at));
    List<ConversationEntry> conversation = conversation(c);
    CaseStatus status = status(c.reference(), history);
    // closed for the customer even while engineering still ships a scheduled release; the SLA clock runs
    // under the case's reference too, but is no part of the customer's case
    boolean open = status != CaseStatus.CLOSED
        && runtime.createProcessInstanceQuery().processInstanceBusinessKey(c.reference())
            .processDefinitionKeyNotIn(SlaVariables.PROCESS_ID).count() > 0;
    List<SlaTargetView> sla = slaClock.clocks(c.reference()).stream().map(SlaTargetView::of).toList();
    return new Details(c.reference(), c.type(), c.summary(), c.description(), c.product(), c.productVersion(),
        c.stepsToReproduce(), c.errorMessages(), c.recentChanges(), c.environment(), c.impact(), c.urgency(),
        Status.of(status), open, c.reporterName(), c.createdAt(), List.copyOf(timeline), conversation, sla);
  }

  /** The public conversation of the case, oldest first: never internal notes, only what the customer read. */
  public List<ConversationEntry> conversation(CustomerCase c) {
    List<ConversationEntry> entries = new ArrayList<>();
    for (Notification n : outbox.forCase(c.reference())) {
      entries.add(new ConversationEntry(n.createdAt(), SUPPORT, null, n.kind().name(), n.kind().subject(),
          n.publicText()));
    }
    for (StoredMessage m : messages.forCase(c.reference())) {
      entries.add(new ConversationEntry(m.createdAt(), CUSTOMER, m.authorId(), m.kind().name(), title(m.kind()),
          m.body()));
    }
    for (AttachmentInfo a : attachments.forCase(c.reference())) {
      entries.add(new ConversationEntry(a.uploadedAt(), CUSTOMER, a.uploadedBy(), "ATTACHMENT",
          "File attached: " + a.fileName(), null));
    }
    entries.sort(Comparator.comparing(ConversationEntry::at));
    return List.copyOf(entries);
  }

  private static String title(CaseMessagesStore.Kind kind) {
    return switch (kind) {
      case MESSAGE -> "Message to support";
      case RESOLUTION_ACCEPTED -> "Resolution accepted";
      case RESOLUTION_OBJECTED -> "Objection to the resolution";
      case QUOTE_APPROVED -> "Quote approved";
      case QUOTE_DECLINED -> "Quote declined";
    };
  }

  public List<NotificationView> notifications(CustomerCase c) {
    return outbox.forCase(c.reference()).stream()
        .map(n -> new NotificationView(n.kind().name(), n.subject(), n.body(), n.status(), n.createdAt(), n.sentAt()))
        .toList();
  }

  CaseStatus status(String reference) {
    return status(reference, statusTracker.history(reference));
  }

  /** The latest status entered; before the case's diagram set one, the variable, else RECEIVED. */
  private CaseStatus status(String reference, List<CaseStatusTracker.Entry> history) {
    if (!history.isEmpty()) {
      return history.get(history.size() - 1).status();
    }
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(CaseVariables.PROCESS_ID).active().list().stream().findFirst().orElse(null);
    if (instance != null) {
      Object value = runtime.getVariable(instance.getId(), CaseStatusTracker.VARIABLE);
      if (value instanceof String name) {
        try {
          return CaseStatus.valueOf(name);
        } catch (IllegalArgumentException ignored) {
          // an unknown name is not shown to the customer
        }
      }
    }
    return CaseStatus.RECEIVED;
  }
}
