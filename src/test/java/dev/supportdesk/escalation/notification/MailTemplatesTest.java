package dev.supportdesk.escalation.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailTemplatesTest {

  final MailTemplates templates = new MailTemplates("Customer Support");

  @Test
  void everyKindHasATemplateNamingReferenceAndSummary() {
    for (NotificationKind kind : NotificationKind.values()) {
      MailTemplates.Mail mail = templates.render(kind, "CASE-2026-7K3M9Q", "Export fails");
      assertThat(mail.subject()).as(kind.name()).startsWith("[CASE-2026-7K3M9Q] " + kind.subject());
      assertThat(mail.body()).as(kind.name()).contains("CASE-2026-7K3M9Q").contains("Summary: Export fails")
          .endsWith("Customer Support\n");
    }
  }

  @Test
  void subjectStaysOneShortLineWhateverTheSummary() {
    MailTemplates.Mail mail = templates.render(NotificationKind.CASE_RECEIVED, "CASE-2026-7K3M9Q",
        "line one\r\nBcc: someone@evil.example " + "x".repeat(200));
    assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n").hasSizeLessThan(140);
  }
}
