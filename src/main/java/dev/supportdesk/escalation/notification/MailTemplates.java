package dev.supportdesk.escalation.notification;

import java.util.EnumMap;
import java.util.Map;

/**
 * The text of every customer mail: a subject naming the case and a plain-text body that says what
 * happened in the customer's words. Only the case reference and the customer's own summary are
 * filled in: never agents' notes, findings, engine ids or anyone's contact details.
 */
public final class MailTemplates {

  static final int SUMMARY_IN_SUBJECT = 80;

  private static final Map<NotificationKind, String> PARAGRAPHS = new EnumMap<>(NotificationKind.class);

  static {
    PARAGRAPHS.put(NotificationKind.CASE_RECEIVED,
        "We received your case and a support engineer will look at it shortly.");
    PARAGRAPHS.put(NotificationKind.INFORMATION_REQUESTED,
        "To continue, we need more information from you. Please read our question and answer it with a message"
            + " on the case.");
    PARAGRAPHS.put(NotificationKind.INFORMATION_REMINDER,
        "We are still waiting for the information we asked for. Without it we cannot continue, and the case will"
            + " be closed if we do not hear from you.");
    PARAGRAPHS.put(NotificationKind.CLOSED_WITHOUT_REPLY,
        "We closed your case because we did not receive the information we asked for. Open a new case at any time"
            + " and mention this reference.");
    PARAGRAPHS.put(NotificationKind.WORKAROUND_AVAILABLE,
        "A workaround is available for your case. Our support engineer will send you the steps; the case stays"
            + " open while we work on a permanent solution.");
    PARAGRAPHS.put(NotificationKind.ESCALATED_TO_ENGINEERING,
        "Your case needs a change in the product, so we escalated it to our engineering team. We will tell you"
            + " about every step.");
    PARAGRAPHS.put(NotificationKind.ENGINEERING_SPECIFYING,
        "Engineering is specifying the change your case needs.");
    PARAGRAPHS.put(NotificationKind.ENGINEERING_READY,
        "The change your case needs is specified and ready for development.");
    PARAGRAPHS.put(NotificationKind.ENGINEERING_IN_PROGRESS,
        "Engineering is now working on the change your case needs.");
    PARAGRAPHS.put(NotificationKind.ENGINEERING_DONE,
        "Engineering finished the change your case needs; it is being prepared for release.");
    PARAGRAPHS.put(NotificationKind.SOLVED_PLANNED_FOR_RELEASE,
        "Your case is solved: the fix is planned for an upcoming release. We will write again when it is released.");
    PARAGRAPHS.put(NotificationKind.FIX_RELEASED,
        "The fix for your case was released. Please update to the new version.");
    PARAGRAPHS.put(NotificationKind.FEATURE_REQUEST_ACCEPTED,
        "Your feature request was accepted and added to our product plans.");
    PARAGRAPHS.put(NotificationKind.FEATURE_REQUEST_DECLINED,
        "We decided not to implement your feature request. Thank you for the suggestion.");
    PARAGRAPHS.put(NotificationKind.FEATURE_REQUEST_QUOTE,
        "We prepared a scope and estimate for your request. Please review it and tell us whether to go ahead.");
    PARAGRAPHS.put(NotificationKind.RESOLUTION_PROPOSED,
        "We propose a resolution for your case. Please confirm that it solves your problem, or tell us why not.");
    PARAGRAPHS.put(NotificationKind.CASE_REOPENED,
        "Your case was reopened and we are working on it again.");
    PARAGRAPHS.put(NotificationKind.CASE_CLOSED,
        "Your case is closed. Thank you for working with us.");
  }

  /** A rendered mail. */
  public record Mail(String subject, String body) {}

  private final String signature;

  public MailTemplates(String signature) {
    this.signature = signature;
  }

  public Mail render(NotificationKind kind, String caseReference, String summary) {
    String paragraph = PARAGRAPHS.get(kind);
    if (paragraph == null) {
      throw new IllegalStateException("No mail template for " + kind);
    }
    String oneLineSummary = summary == null ? "" : summary.replaceAll("[\\r\\n\\t]+", " ").strip();
    String subject = "[" + caseReference + "] " + kind.subject()
        + (oneLineSummary.isEmpty() ? "" : ": " + abbreviate(oneLineSummary, SUMMARY_IN_SUBJECT));
    String body = "Hello,\n\n"
        + paragraph + "\n\n"
        + "Case:    " + caseReference + "\n"
        + (oneLineSummary.isEmpty() ? "" : "Summary: " + oneLineSummary + "\n")
        + "\nFollow your case at /api/cases/" + caseReference + " and keep the reference in the subject"
        + " when you write to us.\n\n"
        + "-- \n" + signature + "\n";
    return new Mail(subject, body);
  }

  static boolean covers(NotificationKind kind) {
    return PARAGRAPHS.containsKey(kind);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
