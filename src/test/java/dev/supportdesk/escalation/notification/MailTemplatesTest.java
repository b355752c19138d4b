package dev.supportdesk.escalation.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

  final MailTemplates templates = new MailTemplates("Customer Support", "https://support.example.com");

  @Test
  void everyKindHasATemplateNamingReferenceAndSummary() {
    for (NotificationKind kind : NotificationKind.values()) {
      MailTemplates.Mail mail = templates.render(kind, "CASE-2026-7K3M9Q", "Export fails");
      assertThat(mail.subject()).as(kind.name()).startsWith("[CASE-2026-7K3M9Q] " + kind.subject());
      assertThat(mail.body()).as(kind.name()).contains("CASE-2026-7K3M9Q").contains("Summary: Export fails")
          .endsWith("Customer Support\n");
      assertThat(mail.html()).as(kind.name()).contains("CASE-2026-7K3M9Q").contains("Export fails")
          .contains("Customer Support");
      assertThat(mail.message()).as(kind.name()).isNotBlank().doesNotContain("Hello,").doesNotContain("Customer Support");
    }
  }

  @Test
  void linksAreAbsoluteFromThePublicBaseUrl() {
    MailTemplates.Mail mail = templates.render(NotificationKind.CASE_RECEIVED, "CASE-2026-7K3M9Q", "Export fails");
    assertThat(mail.body()).contains("https://support.example.com/api/cases/CASE-2026-7K3M9Q")
        .doesNotContain(" /api/");
    assertThat(mail.html()).contains("href=\"https://support.example.com/api/cases/CASE-2026-7K3M9Q\"");
  }

  @Test
  void whatTheAgentWroteForTheCustomerIsInTheTextAndEscapedInTheHtml() {
    PublicReply reply = new PublicReply(List.of(
        new PublicReply.Part("Our question", "Which <b>version</b> & build?\nPlease attach the log.")));
    MailTemplates.Mail mail = templates.render(NotificationKind.INFORMATION_REQUESTED, "CASE-2026-7K3M9Q",
        "Export fails", reply);

    assertThat(mail.body()).contains("Our question:\nWhich <b>version</b> & build?\nPlease attach the log.");
    assertThat(mail.message()).startsWith("To continue").contains("Which <b>version</b> & build?");
    assertThat(mail.html()).contains("<h3>Our question</h3>")
        .contains("Which &lt;b&gt;version&lt;/b&gt; &amp; build?").doesNotContain("<b>version</b>");
  }

  @Test
  void aSummaryCannotInjectHtml() {
    MailTemplates.Mail mail = templates.render(NotificationKind.CASE_RECEIVED, "CASE-2026-7K3M9Q",
        "<img src=x onerror=alert(1)>");
    assertThat(mail.html()).doesNotContain("<img").contains("&lt;img");
  }

  @Test
  void subjectStaysOneShortLineWhateverTheSummary() {
    MailTemplates.Mail mail = templates.render(NotificationKind.CASE_RECEIVED, "CASE-2026-7K3M9Q",
        "line one\r\nBcc: someone@evil.example " + "x".repeat(200));
    assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n").hasSizeLessThan(140);
  }
}
