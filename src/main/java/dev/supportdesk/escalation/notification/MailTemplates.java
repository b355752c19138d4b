package dev.supportdesk.escalation.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * The text of every customer mail: a subject naming the case, a body that says what happened in the
 * customer's words, in plain text and HTML. Filled in are the case reference, the customer's own summary
 * and what the agent wrote for the customer ({@link PublicReply}): never agents' internal notes,
 * findings, engine ids or anyone's contact details.
 */
public final class MailTemplates {

  static final int SUMMARY_IN_SUBJECT = 80;

  private static final Map<NotificationKind, String> PARAGRAPHS = new EnumMap<>(NotificationKind.class);

  static {
    PARAGRAPHS.put(NotificationKind.CASE_RECEIVED,
        "We received your case and a support engineer will look at it shortly.");
    PARAGRAPHS.put(NotificationKind.INFORMATION_REQUESTED,
        "To continue, we need more information from you. Please answer our question below: reply to this mail"
            + " or add a message to the case.");
    PARAGRAPHS.put(NotificationKind.INFORMATION_REMINDER,
        "We are still waiting for the information we asked for (our question is below). Without it we cannot"
            + " continue, and the case will be closed if we do not hear from you.");
    PARAGRAPHS.put(NotificationKind.CLOSED_WITHOUT_REPLY,
        "We closed your case because we did not receive the information we asked for. Open a new case at any time"
            + " and mention this reference.");
    PARAGRAPHS.put(NotificationKind.WORKAROUND_AVAILABLE,
        "A workaround is available for your case: the steps are below. The case stays open while we work on a"
            + " permanent solution.");
    PARAGRAPHS.put(NotificationKind.ESCALATED_TO_ENGINEERING,
        "Your case needs a change in the product, so we escalated it to our engineering team. We will tell you"
            + " about every step.");
    PARAGRAPHS.put(NotificationKind.RELEASE_NOTES_POSTED,
        "We published release notes. What changed is below.");
    PARAGRAPHS.put(NotificationKind.LINKED_TO_KNOWN_ISSUE,
        "Your case matches a problem our engineering team already works on, so we linked your case to it. We will"
            + " tell you about every step, as we tell everyone it affects.");
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
        "The fix for your case was released. The version and what changed are below.");
    PARAGRAPHS.put(NotificationKind.FEATURE_REQUEST_ACCEPTED,
        "Your feature request was accepted and added to our product plans.");
    PARAGRAPHS.put(NotificationKind.FEATURE_REQUEST_DECLINED,
        "We decided not to implement your feature request. Thank you for the suggestion.");
    PARAGRAPHS.put(NotificationKind.FEATURE_REQUEST_QUOTE,
        "We prepared a scope and estimate for your request (below). Please review it and tell us whether to go"
            + " ahead: approve or decline the quote on your case.");
    PARAGRAPHS.put(NotificationKind.RESOLUTION_PROPOSED,
        "We propose the resolution below for your case. Please confirm that it solves your problem, or tell us"
            + " why not.");
    PARAGRAPHS.put(NotificationKind.CASE_REOPENED,
        "Your case was reopened and we are working on it again.");
    PARAGRAPHS.put(NotificationKind.SUPPORT_REPLY,
        "Thank you for your message. Our answer is below; reply to this mail or add a message to the case if"
            + " you have more to tell us.");
    PARAGRAPHS.put(NotificationKind.CASE_CLOSED,
        "Your case is closed. Thank you for working with us.");
  }

  /**
   * A rendered mail.
   *
   * @param body plain text
   * @param html the same text as HTML, every value escaped
   * @param message what the customer reads in the mail without greeting, links and signature: the case
   *     conversation shows it
   */
  public record Mail(String subject, String body, String html, String message) {}

  private final String signature;
  private final String publicBaseUrl;

  public MailTemplates(String signature, String publicBaseUrl) {
    this.signature = signature;
    this.publicBaseUrl = publicBaseUrl;
  }

  public Mail render(NotificationKind kind, String caseReference, String summary) {
    return render(kind, caseReference, summary, PublicReply.NONE);
  }

  public Mail render(NotificationKind kind, String caseReference, String summary, PublicReply reply) {
    String paragraph = PARAGRAPHS.get(kind);
    if (paragraph == null) {
      throw new IllegalStateException("No mail template for " + kind);
    }
    String oneLineSummary = summary == null ? "" : summary.replaceAll("[\\r\\n\\t]+", " ").strip();
    String subject = "[" + caseReference + "] " + kind.subject()
        + (oneLineSummary.isEmpty() ? "" : ": " + abbreviate(oneLineSummary, SUMMARY_IN_SUBJECT));
    boolean notes = kind == NotificationKind.RELEASE_NOTES_POSTED;
    String link = notes ? releaseNotesLink(caseReference) : caseLink(caseReference);
    String label = notes ? "Notes:   " : "Case:    ";
    String follow = notes
        ? "Read them at " + link + ". You get this mail because you follow our release notes; stop with"
            + " DELETE /api/release-notes/following."
        : "Follow your case at " + link + " and keep the reference in the subject when you write to us.";
    String message = paragraph + (reply.isEmpty() ? "" : "\n\n" + reply.asText());
    String body = "Hello,\n\n"
        + message + "\n\n"
        + label + caseReference + "\n"
        + (oneLineSummary.isEmpty() ? "" : "Summary: " + oneLineSummary + "\n")
        + "\n" + follow + "\n\n"
        + "-- \n" + signature + "\n";
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n")
        .append("<p>Hello,</p>\n<p>").append(escape(paragraph)).append("</p>\n");
    for (PublicReply.Part part : reply.parts()) {
      html.append("<h3>").append(escape(part.label())).append("</h3>\n<p style=\"white-space: pre-wrap\">")
          .append(escape(part.text())).append("</p>\n");
    }
    html.append(notes ? "<p>Notes: <strong>" : "<p>Case: <strong>").append(escape(caseReference)).append("</strong>");
    if (!oneLineSummary.isEmpty()) {
      html.append("<br>Summary: ").append(escape(oneLineSummary));
    }
    html.append("</p>\n<p><a href=\"").append(escape(link)).append(notes
            ? "\">Read the release notes</a>. You get this mail because you follow our release notes.</p>\n<p>-- <br>"
            : "\">Follow your case</a> and keep the reference in the subject when you write to us.</p>\n<p>-- <br>")
        .append(escape(signature))
        .append("</p>\n</body></html>\n");
    return new Mail(subject, body, html.toString(), message);
  }

  /** Where a follower reads posted release notes ("RN-12"): absolute, like {@link #caseLink}. */
  public String releaseNotesLink(String noteReference) {
    return publicBaseUrl + "/api/release-notes/" + URLEncoder.encode(noteReference, StandardCharsets.UTF_8);
  }

  /** Where the customer follows the case: absolute, from the one configured public base URL. */
  public String caseLink(String caseReference) {
    return publicBaseUrl + "/api/cases/" + URLEncoder.encode(caseReference, StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
  }

  static boolean covers(NotificationKind kind) {
    return PARAGRAPHS.containsKey(kind);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
