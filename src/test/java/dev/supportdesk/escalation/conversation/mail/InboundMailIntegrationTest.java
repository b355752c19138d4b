package dev.supportdesk.escalation.conversation.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.conversation.ConversationVariables;
import dev.supportdesk.escalation.conversation.mail.InboundMailRecords.Entry;
import dev.supportdesk.escalation.conversation.mail.InboundMailRecords.Outcome;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.FreePort;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.WebappSession;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mail in both directions, for real: GreenMail runs SMTP (the application's mails and the customers'
 * mails to support) and IMAP (the support mailbox the application polls). Customers only write e-mail
 * here; agents work the real support case in the engine, and Tier 2 downloads the mailed file through
 * Tasklist's "Case files" API. Polls are triggered by the test, so every step is observable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:inbound-mail;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "spring.mail.host=127.0.0.1",
    "support.notifications.from=Support <" + InboundMailIntegrationTest.SUPPORT + ">",
    "support.notifications.message-id-domain=mail.test",
    "support.inbound-mail.enabled=true",
    "support.inbound-mail.protocol=imap",
    "support.inbound-mail.host=127.0.0.1",
    "support.inbound-mail.username=" + InboundMailIntegrationTest.SUPPORT,
    "support.inbound-mail.password=mailbox-secret",
    "support.inbound-mail.poll-interval=PT1H"})
class InboundMailIntegrationTest {

  static final String SUPPORT = "support@mail.test";
  static final String ORGANISATION = "org-inbound-it";
  static final String INTERNAL = "INTERNAL-NOTE-7431";
  static final int SMTP_PORT = FreePort.next();
  static final int IMAP_PORT = FreePort.next();
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static GreenMail mail;

  @Autowired ProcessEngine engine;
  @Autowired InboundMailPoller poller;
  @Autowired InboundMailRecords records;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void ports(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("support.inbound-mail.port", () -> IMAP_PORT);
  }

  @BeforeAll
  static void mailServers() {
    mail = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    mail.start();
    mail.setUser(SUPPORT, SUPPORT, "mailbox-secret");
  }

  @AfterAll
  static void stopMailServers() {
    mail.stop();
  }

  @BeforeEach
  void people() {
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORGANISATION, "Inbound Mail Ltd");
    CustomerFixtures.customer(identity, "ina.inbound", ORGANISATION);
    CustomerFixtures.customer(identity, "ivo.inbound", ORGANISATION);
    TestUsers.ensure(identity, "t1.inbound", Groups.TIER1);
    TestUsers.ensure(identity, "t2.inbound", Groups.TIER2);
  }

  @Test
  void aCustomerWorksACaseByEmailOnlyAndReadsEveryAnswerInTheMailsAndOnTheCase() throws Exception {
    // the customer opens the case by writing to support
    String opening = send(mailFrom("ina.inbound@example.com", "Export stops after 60 seconds",
        "Every export over 50 pages stops after a minute.\n\nIna"));
    String reference = handled(opening, Outcome.CASE_OPENED).caseReference();
    MimeMessage received = awaitMail("ina.inbound@example.com", reference, "We received your case");
    assertThat(received.getSubject()).contains("Export stops after 60 seconds");

    complete(reference, Tier1Variables.TASK_ANALYSE_AT_TIER1, tier1Escalation());
    complete(reference, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2("REQUEST_INFORMATION",
        Tier2Variables.INFORMATION_REQUEST, "Which database server and version does the export read from?"));
    MimeMessage question = awaitMail("ina.inbound@example.com", reference, "We need more information");
    assertThat(GreenMailUtil.getBody(question)).contains("Which database server and version");

    // the customer answers by replying to that mail, quoting it, with the server's log attached
    byte[] log = "2026-12-07 10:00:01 ERROR statement timeout after 60000 ms\n".getBytes(StandardCharsets.UTF_8);
    MimeMessage reply = mailFrom("ina.inbound@example.com", "Re: " + question.getSubject(),
        "PostgreSQL 15.4 on a separate host.\n\nOn Mon, 7 Dec 2026 Support <" + SUPPORT + "> wrote:\n"
            + "> Which database server and version does the export read from?",
        new Attached("db-server.log", "text/plain", log));
    reply.setHeader("In-Reply-To", question.getMessageID());
    reply.setHeader("References", question.getHeader("References", " ") + " " + question.getMessageID());
    Entry answered = handled(send(reply), Outcome.CASE_MESSAGE);
    assertThat(answered.caseReference()).isEqualTo(reference);
    assertThat(answered.detail()).isEqualTo("answered the open question");

    // Tier 2 sees the answer (without the quoted mail) and downloads the file
    Task investigation = awaitTask(reference, Tier2Variables.TASK_INVESTIGATE_AT_TIER2);
    String answer = (String) engine.getTaskService().getVariable(investigation.getId(), CaseMessages.CUSTOMER_REPLY);
    assertThat(answer).startsWith("PostgreSQL 15.4 on a separate host.").contains("db-server.log")
        .doesNotContain("wrote:").doesNotContain("> Which");
    engine.getTaskService().claim(investigation.getId(), "t2.inbound");
    WebappSession tier2 = WebappSession.login(port, "t2.inbound", TestUsers.PASSWORD, "tasklist");
    String files = "/camunda/api/tasklist/plugin/case-files/default/tasks/" + investigation.getId() + "/attachments";
    JsonNode listed = json.readTree(tier2.get(files).body()).get("attachments");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("fileName").asText()).isEqualTo("db-server.log");
    assertThat(tier2.getBytes(files + "/" + listed.get(0).get("id").asText()).body()).isEqualTo(log);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE).count())
        .as("the answer went to the step that asked; the file is named in it, no extra task").isZero();

    // Tier 2 offers a workaround: its text is in the next mail
    complete(reference, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2("OFFER_WORKAROUND",
        Tier2Contract.WORKAROUND, "Export in batches of 40 pages until the fix is released."));
    MimeMessage workaround = awaitMail("ina.inbound@example.com", reference, "workaround");
    assertThat(GreenMailUtil.getBody(workaround)).contains("Export in batches of 40 pages");

    // Tier 2 resolves, Tier 1 proposes the resolution: readable in the mail and on the case
    complete(reference, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2("RESOLVE"));
    complete(reference, Tier1Variables.TASK_COMMUNICATE_RESOLUTION, Map.of(Tier1Variables.RESOLUTION_TEXT,
        "Version 4.2.2 adds the missing index; update and exports of any size finish."));
    MimeMessage proposal = awaitMail("ina.inbound@example.com", reference, "Resolution of your case");
    assertThat(GreenMailUtil.getBody(proposal)).contains("Version 4.2.2 adds the missing index");
    Http http = new Http(port);
    HttpResponse<String> view = http.get("/api/cases/" + reference, Http.basic("ina.inbound", TestUsers.PASSWORD));
    assertThat(view.statusCode()).isEqualTo(200);
    assertThat(view.body()).contains("Version 4.2.2 adds the missing index").contains("PostgreSQL 15.4")
        .doesNotContain(INTERNAL);
    accept(reference, "ina.inbound");
    updateKnowledgeBase(reference);
    awaitMail("ina.inbound@example.com", reference, "Your case is closed");

    // internal notes never left: not in one mail the customer received
    for (MimeMessage m : mailsTo("ina.inbound@example.com")) {
      assertThat(GreenMailUtil.getWholeMessage(m)).doesNotContain(INTERNAL);
    }
  }

  @Test
  void autoRepliesBouncesAndListMailCreateNothingAndGetNoAnswer() throws Exception {
    int casesBefore = cases();
    MimeMessage outOfOffice = mailFrom("ina.inbound@example.com", "Automatic reply: your case", "I am away.");
    outOfOffice.setHeader("Auto-Submitted", "auto-replied");
    MimeMessage bounce = mailFrom("MAILER-DAEMON@example.com", "Undelivered Mail Returned to Sender",
        "This is the mail system. The mail could not be delivered.");
    MimeMessage bulk = mailFrom("ina.inbound@example.com", "Our newsletter", "News of the month.");
    bulk.setHeader("Precedence", "bulk");
    List<String> ids = List.of(send(outOfOffice), send(bounce), send(bulk));
    poller.pollOnce();
    for (String id : ids) {
      assertThat(records.find(id)).get().extracting(Entry::outcome).isEqualTo(Outcome.AUTOMATED);
    }
    assertThat(cases()).isEqualTo(casesBefore);
    assertThat(mailsTo("ina.inbound@example.com")).noneMatch(m -> subject(m).contains("could not"));
    assertThat(mailsTo("mailer-daemon@example.com")).isEmpty();
    assertThat(answerProcesses()).isZero();
  }

  @Test
  void anUnknownSenderIsAnsweredOnceADayAndNothingIsCreated() throws Exception {
    int casesBefore = cases();
    String first = send(mailFrom("stranger@elsewhere.example", "Help with your product", "Does it run on Linux?"));
    assertThat(handled(first, Outcome.UNKNOWN_SENDER).detail()).isEqualTo("answered");
    MimeMessage answer = awaitMail("stranger@elsewhere.example", null, "We could not open a case");
    assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(first);
    assertThat(answer.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(GreenMailUtil.getBody(answer)).contains("stranger@elsewhere.example");

    String second = send(mailFrom("stranger@elsewhere.example", "Help again", "Anyone there?"));
    assertThat(handled(second, Outcome.UNKNOWN_SENDER).detail()).contains("not again");
    assertThat(cases()).isEqualTo(casesBefore);
    Thread.sleep(500);
    assertThat(mailsTo("stranger@elsewhere.example")).hasSize(1);
  }

  @Test
  void aMailNoStepWaitsForBecomesATaskAndAReplyToAClosedCaseOpensAFollowUp() throws Exception {
    String reference = handled(send(mailFrom("ivo.inbound@example.com", "Dashboard loads slowly",
        "The dashboard needs 20 seconds to load.")), Outcome.CASE_OPENED).caseReference();
    awaitTask(reference, Tier1Variables.TASK_ANALYSE_AT_TIER1);

    // Tier 1 analyses, no step waits for the customer: the mail becomes a task for Tier 1
    MimeMessage more = mailFrom("ivo.inbound@example.com", "[" + reference + "] more details",
        "It is only slow on Mondays.");
    Entry told = handled(send(more), Outcome.CASE_MESSAGE);
    assertThat(told.caseReference()).isEqualTo(reference);
    assertThat(told.detail()).isEqualTo("told an agent");
    Task read = awaitTask(reference, ConversationVariables.TASK_READ_CUSTOMER_MESSAGE);
    assertThat(engine.getTaskService().createTaskQuery().taskId(read.getId()).taskCandidateGroup(Groups.TIER1).count())
        .isOne();

    // a colleague of the same organisation may not add to Ivo's case by mail
    Entry colleague = handled(send(mailFrom("ina.inbound@example.com", "Re: [" + reference + "] more details",
        "Same for me.")), Outcome.CASE_OPENED);
    assertThat(colleague.caseReference()).as("without shared access the case is not hers: a case of her own")
        .isNotEqualTo(reference);

    // the case is resolved and closed; a reply to it opens a follow-up that names it
    engine.getTaskService().complete(read.getId());
    complete(reference, Tier1Variables.TASK_ANALYSE_AT_TIER1, tier1Resolved());
    complete(reference, Tier1Variables.TASK_COMMUNICATE_RESOLUTION, Map.of(Tier1Variables.RESOLUTION_TEXT,
        "Clear the browser cache once; the Monday report is cached from then on."));
    accept(reference, "ivo.inbound");
    updateKnowledgeBase(reference);
    MimeMessage closed = awaitMail("ivo.inbound@example.com", reference, "Your case is closed");
    MimeMessage late = mailFrom("ivo.inbound@example.com", "Re: " + closed.getSubject(), "It is slow again.");
    late.setHeader("In-Reply-To", closed.getMessageID());
    Entry followUp = handled(send(late), Outcome.FOLLOW_UP_OPENED);
    assertThat(followUp.caseReference()).isNotEqualTo(reference);
    String summary = jdbc.queryForObject("SELECT summary FROM customer_case WHERE reference = ?", String.class,
        followUp.caseReference());
    assertThat(summary).startsWith("Follow-up to " + reference);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_message WHERE case_reference = ? AND body LIKE ?",
        Integer.class, reference, "%slow again%")).as("nothing added to the closed case").isZero();
  }

  // ------------------------------------------------------------------ the customer's mail client

  record Attached(String name, String type, byte[] content) {}

  MimeMessage mailFrom(String from, String subject, String text, Attached... files) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
    message.setSubject(subject, "UTF-8");
    if (files.length == 0) {
      message.setText(text, "UTF-8");
    } else {
      MimeMultipart multipart = new MimeMultipart();
      MimeBodyPart body = new MimeBodyPart();
      body.setText(text, "UTF-8");
      multipart.addBodyPart(body);
      for (Attached file : files) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.type())));
        part.setFileName(file.name());
        // as mail clients send files: base64, so the bytes arrive unchanged (text parts travel with CRLF)
        part.setHeader("Content-Transfer-Encoding", "base64");
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        multipart.addBodyPart(part);
      }
      message.setContent(multipart);
    }
    message.saveChanges();
    // after saveChanges, which would replace it: the id the customer's mail client gave the mail
    message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@customer.example>");
    return message;
  }

  /** Sends over SMTP to the support mailbox as it is (Transport.send would renew the Message-ID); returns the id. */
  String send(MimeMessage message) throws Exception {
    Properties smtp = new Properties();
    smtp.put("mail.smtp.host", "127.0.0.1");
    smtp.put("mail.smtp.port", String.valueOf(SMTP_PORT));
    try (Transport transport = Session.getInstance(smtp).getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, message.getAllRecipients());
    }
    return message.getMessageID();
  }

  /** Polls the mailbox until the mail has been handled, and returns what became of it. */
  Entry handled(String messageId, Outcome expected) {
    Entry entry = await().atMost(PATIENCE).until(() -> {
      poller.pollOnce();
      return records.find(messageId).orElse(null);
    }, found -> found != null);
    assertThat(entry.outcome()).as(String.valueOf(entry)).isEqualTo(expected);
    return entry;
  }

  List<MimeMessage> mailsTo(String address) {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      try {
        if (Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
          found.add(m);
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  MimeMessage awaitMail(String address, String reference, String subjectPart) {
    return await().atMost(PATIENCE).until(() -> mailsTo(address).stream()
        .filter(m -> (reference == null || subject(m).contains(reference)) && subject(m).contains(subjectPart))
        .findFirst().orElse(null), found -> found != null);
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject() == null ? "" : m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ agents

  Task awaitTask(String reference, String taskDefinitionKey) {
    return await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey(taskDefinitionKey).list().stream().findFirst()
        .orElse(null), task -> task != null);
  }

  void complete(String reference, String taskDefinitionKey, Map<String, Object> variables) {
    Task task = awaitTask(reference, taskDefinitionKey);
    engine.getTaskService().complete(task.getId(), variables);
  }

  /** Accepts the proposed resolution once the case waits for it (the proposal's mail step runs first). */
  void accept(String reference, String customer) {
    await().atMost(PATIENCE).until(() -> new Http(port).postJson("/api/cases/" + reference + "/confirmation",
        Http.basic(customer, TestUsers.PASSWORD), "{\"accepted\": true}").statusCode(), status -> status == 200);
  }

  void updateKnowledgeBase(String reference) {
    complete(reference, Tier1Variables.TASK_UPDATE_KNOWLEDGE_BASE, Map.of(
        Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, "Slow or stopping exports",
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, "What to check when an export is slow or stops after a minute."));
  }

  static Map<String, Object> tier1Escalation() {
    Map<String, Object> v = tier1Common();
    v.put(Tier1Variables.TIER1_OUTCOME, "ESCALATE_TO_TIER2");
    return v;
  }

  static Map<String, Object> tier1Resolved() {
    Map<String, Object> v = tier1Common();
    v.put(Tier1Variables.TIER1_OUTCOME, "RESOLVED");
    v.put(Tier1Variables.RESOLUTION_CATEGORY, "CONFIGURATION");
    return v;
  }

  private static Map<String, Object> tier1Common() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(Tier1Variables.SYMPTOMS, "Export job stops after 60 s for reports over 50 pages");
    v.put(Tier1Variables.CONFIGURATION_VERIFIED, true);
    v.put(Tier1Variables.LOGS_ANALYSED, true);
    v.put(Tier1Variables.KNOWN_ISSUES_CHECKED, true);
    v.put(Tier1Variables.REPRODUCED, "YES");
    v.put(Tier1Variables.TIER1_FINDINGS, "Reproduced on 4.2.1; " + INTERNAL + " the customer is on an old plan.");
    return v;
  }

  static Map<String, Object> tier2(String nextAction, Object... more) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(Tier2Variables.REANALYSIS, "Re-ran the export with server-side tracing");
    v.put(Tier2Variables.REPLICATED_IN_TEST_ENVIRONMENT, "YES");
    v.put(Tier2Contract.TIER2_FINDINGS, "The report_pages query times out. " + INTERNAL);
    v.put(Tier2Variables.NEXT_ACTION, nextAction);
    for (int i = 0; i < more.length; i += 2) {
      v.put((String) more[i], more[i + 1]);
    }
    return v;
  }

  int cases() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM customer_case", Integer.class);
  }

  long answerProcesses() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(InboundMailVariables.PROCESS_ID).count();
  }
}
