package dev.supportdesk.escalation.conversation.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Unit test (scope 1): what the parser reads from mails that real clients and robots send. */
class InboundMailParserTest {

  MimeMessage mail(String from, String subject, String text) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(from));
    message.setSubject(subject);
    message.setText(text, "UTF-8");
    message.saveChanges();
    return message;
  }

  @Test
  void aPersonsReplyKeepsWhatTheyWroteAboveTheQuoteAndNamesTheMailsItAnswers() throws Exception {
    MimeMessage reply = mail("Ina <ina@example.com>", "Re: [CASE-2026-7K3M9Q] We need more information",
        "PostgreSQL 15.4.\r\n\r\nOn Mon, 7 Dec 2026 at 10:00, Support <support@x.example> wrote:\r\n"
            + "> Which database?\r\n> Thanks\r\n");
    reply.setHeader("In-Reply-To", "<abc@mail.test>");
    reply.setHeader("References", "<CASE-2026-7K3M9Q@mail.test> <abc@mail.test>");

    InboundMail parsed = InboundMailParser.parse(reply);

    assertThat(parsed.sender()).isEqualTo("ina@example.com");
    assertThat(parsed.text()).isEqualTo("PostgreSQL 15.4.");
    assertThat(parsed.references()).containsExactly("abc@mail.test", "CASE-2026-7K3M9Q@mail.test");
    assertThat(parsed.automated()).isNull();
  }

  @Test
  void machinesAreToldApartByTheirHeadersSendersAndSubjects() throws Exception {
    MimeMessage autoReply = mail("ina@example.com", "Your case", "Away until Monday");
    autoReply.setHeader("Auto-Submitted", "auto-replied");
    MimeMessage notAuto = mail("ina@example.com", "Your case", "Here is the log");
    notAuto.setHeader("Auto-Submitted", "no");
    MimeMessage list = mail("ina@example.com", "Digest", "News");
    list.setHeader("List-Id", "<news.example.com>");
    MimeMessage junk = mail("ina@example.com", "Offer", "Buy");
    junk.setHeader("Precedence", "junk");
    MimeMessage bounce = mail("MAILER-DAEMON@mx.example.com", "Undelivered Mail Returned to Sender", "failed");
    MimeMessage outOfOffice = mail("ina@example.com", "Out of Office: Your case", "Back on Monday");
    MimeMessage forged = mail("ceo@bank.example", "Your case", "Pay now");
    forged.setHeader("Authentication-Results", "mx.example.com; spf=fail; dmarc=fail header.from=bank.example");

    assertThat(InboundMailParser.parse(autoReply).automated()).contains("Auto-Submitted");
    assertThat(InboundMailParser.parse(notAuto).automated()).isNull();
    assertThat(InboundMailParser.parse(list).automated()).contains("List-Id");
    assertThat(InboundMailParser.parse(junk).automated()).contains("Precedence");
    assertThat(InboundMailParser.parse(bounce).automated()).contains("MAILER-DAEMON");
    assertThat(InboundMailParser.parse(outOfOffice).automated()).isEqualTo("auto-reply subject");
    assertThat(InboundMailParser.parse(forged).automated()).contains("DMARC");
  }

  @Test
  void anHtmlOnlyMailIsReadAsTextWithoutItsMarkupAndFilesAreKeptApart() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("ina@example.com"));
    message.setSubject("=?UTF-8?Q?Export_f=C3=A4llt_aus?=");
    MimeMultipart multipart = new MimeMultipart();
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<html><head><style>p{}</style></head><body><p>Fails at <b>page&nbsp;51</b>.</p>"
        + "<p>Second line &amp; more</p><script>alert(1)</script>"
        + "<blockquote>quoted old mail</blockquote></body></html>", "text/html; charset=UTF-8");
    multipart.addBodyPart(html);
    MimeBodyPart file = new MimeBodyPart();
    file.setText("log line\n", "UTF-8");
    file.setFileName("export.log");
    file.setDisposition(MimeBodyPart.ATTACHMENT);
    multipart.addBodyPart(file);
    message.setContent(multipart);
    message.saveChanges();

    InboundMail parsed = InboundMailParser.parse(message);

    assertThat(parsed.subject()).isEqualTo("Export fällt aus");
    assertThat(parsed.text()).isEqualTo("Fails at page 51.\nSecond line & more");
    assertThat(parsed.files()).extracting(InboundMail.File::name).containsExactly("export.log");
    assertThat(parsed.files().get(0).contentType()).isEqualTo("text/plain");
  }

  @Test
  void aMailWithoutMessageIdGetsOneFromItsContentSoASecondFetchIsRecognised() throws Exception {
    MimeMessage message = mail("ina@example.com", "Hello", "Text");
    message.removeHeader("Message-ID");
    String first = InboundMailParser.parse(message).messageId();
    assertThat(first).startsWith("<sha256-").isEqualTo(InboundMailParser.parse(message).messageId());
  }

  @Test
  void subjectsLoseReplyPrefixesAndTheReference() {
    assertThat(InboundMailHandler.subjectWithoutReference("Re: AW: [CASE-2026-7K3M9Q] Export fails"))
        .isEqualTo("Export fails");
    assertThat(InboundMailHandler.subjectWithoutReference("Fwd: <script>x</script>")).isEmpty();
    assertThat(InboundMailHandler.subjectWithoutReference(null)).isEmpty();
  }
}
