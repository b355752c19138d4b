package dev.supportdesk.escalation.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.conversation.ConversationVariables;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.support.FreePort;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Customer mails over real SMTP (GreenMail in-process): a case opened through the API walks a
 * conversation diagram whose "Notify customer" steps are asynchronous jobs with retries; the jobs are
 * executed by the test, one by one, so order, retries and incidents are observable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:customer-mail;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false",
    "spring.mail.host=127.0.0.1",
    "support.notifications.from=Support <support@supportdesk.example>",
    "support.notifications.message-id-domain=mail.test"})
class CustomerMailIntegrationTest {

  static final String ORGANISATION = "org-mail-it";
  static final int SMTP_PORT = FreePort.next();
  static GreenMail smtp;

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerNotifications notifications;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @BeforeEach
  void smtpUpAndIdentities() throws Exception {
    if (smtp == null) {
      startSmtp();
    }
    smtp.purgeEmailFromAllMailboxes();
    http = new Http(port);
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORGANISATION, "Mail Test Ltd");
    CustomerFixtures.customer(identity, "mia.mail", ORGANISATION);
    CustomerFixtures.customer(identity, "max.mail", ORGANISATION);
    CustomerFixtures.deployJourney(engine);
  }

  @AfterAll
  static void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
      smtp = null;
    }
  }

  @Test
  void caseMailsArriveInOrderExactlyOnceWithStableMessageIds() throws Exception {
    String reference = open("mia.mail", "Nightly import skips rows");
    ProcessInstance journey = startJourney(reference);

    runJob(journey);
    runJob(journey);
    answer(reference, "/messages", "{\"text\": \"The import log is attached.\"}");
    runJob(journey);
    answer(reference, "/confirmation", "{\"accepted\": true}");
    runJob(journey);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(journey.getId()).count())
        .isZero();
    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(Arrays.stream(mails).map(CustomerMailIntegrationTest::subject).toList()).containsExactly(
        "[" + reference + "] We received your case: Nightly import skips rows",
        "[" + reference + "] We need more information: Nightly import skips rows",
        "[" + reference + "] Resolution of your case: Nightly import skips rows",
        "[" + reference + "] Your case is closed: Nightly import skips rows");
    List<Notification> outbox = outbox(reference);
    assertThat(outbox).extracting(Notification::status).containsOnly(Notification.SENT);
    for (int i = 0; i < mails.length; i++) {
      assertThat(mails[i].getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
          .containsExactly("mia.mail@example.com");
      assertThat(mails[i].getMessageID()).isEqualTo("<" + outbox.get(i).id() + "@mail.test>");
      String body = GreenMailUtil.getBody(mails[i]);
      assertThat(body).contains(reference).contains("Nightly import skips rows")
          .doesNotContain("mia.mail").doesNotContain(journey.getId());
    }

    // a retried step finds its row SENT: nothing goes out twice
    Notification first = outbox.get(0);
    String dedupKey = jdbc.queryForObject("SELECT dedup_key FROM notification_outbox WHERE id = ?", String.class,
        first.id());
    notifications.notify(reference, NotificationKind.CASE_RECEIVED, dedupKey, variablesOf(reference));
    assertThat(smtp.getReceivedMessages()).hasSize(4);

    JsonNode listed = json.readTree(http.get("/api/cases/" + reference + "/notifications", as("mia.mail")).body());
    assertThat(listed.findValuesAsText("kind")).containsExactly("CASE_RECEIVED", "INFORMATION_REQUESTED",
        "RESOLUTION_PROPOSED", "CASE_CLOSED");
    assertThat(listed.findValuesAsText("delivery")).containsOnly(Notification.SENT);
  }

  @Test
  void theCustomerReadsWhatTheAgentWroteInTheMailAndOnTheCaseAndNeverAnInternalNote() throws Exception {
    String reference = open("mia.mail", "Reports render blank");
    Map<String, Object> variables = new HashMap<>(variablesOf(reference));
    variables.put("informationRequest", "Which browser shows the blank page? <b>Please</b> attach the console log.");
    variables.put("resolutionText", "Clear the report cache & reload; fixed in 7.24.2.");
    for (String internal : List.of("tier1Findings", "tier2Findings", "rootCause", "tier2StepsTaken")) {
      variables.put(internal, "INTERNAL-7731 suspect the renderer pool");
    }
    ProcessInstance journey = engine.getRuntimeService().startProcessInstanceByKey(CustomerFixtures.JOURNEY,
        reference, variables);

    runJob(journey);
    runJob(journey);
    answer(reference, "/messages", "{\"text\": \"Firefox 128, log attached.\"}");
    runJob(journey);

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(3);
    MimeMessage question = mails[1];
    assertThat(GreenMailUtil.getBody(question)).contains("multipart/alternative");
    assertThat(text(question, "text/plain")).contains("Our question:\nWhich browser shows the blank page?"
        + " <b>Please</b> attach the console log.").contains("http://localhost:8080/api/cases/" + reference);
    assertThat(text(question, "text/html")).contains("&lt;b&gt;Please&lt;/b&gt;").doesNotContain("<b>Please</b>");
    assertThat(text(mails[2], "text/plain")).contains("Clear the report cache & reload; fixed in 7.24.2.");
    for (MimeMessage mail : mails) {
      assertThat(mail.getHeader("In-Reply-To", null)).isEqualTo("<" + reference + "@mail.test>");
      assertThat(mail.getHeader("References", null)).isEqualTo("<" + reference + "@mail.test>");
      assertThat(text(mail, "text/plain") + text(mail, "text/html")).doesNotContain("INTERNAL-7731");
    }

    HttpResponse<String> read = http.get("/api/cases/" + reference, as("mia.mail"));
    assertThat(read.body()).doesNotContain("INTERNAL-7731");
    assertThat(http.get("/api/cases/" + reference + "/notifications", as("mia.mail")).body())
        .doesNotContain("INTERNAL-7731");
    JsonNode conversation = json.readTree(read.body()).get("conversation");
    assertThat(conversation.findValuesAsText("kind")).containsExactly("CASE_RECEIVED", "INFORMATION_REQUESTED",
        "MESSAGE", "RESOLUTION_PROPOSED");
    assertThat(conversation.findValuesAsText("from")).containsExactly("SUPPORT", "SUPPORT", "CUSTOMER", "SUPPORT");
    assertThat(conversation.get(1).get("text").asText()).contains("Which browser shows the blank page?");
    assertThat(conversation.get(2).get("text").asText()).isEqualTo("Firefox 128, log attached.");
    assertThat(conversation.get(2).get("author").asText()).isEqualTo("mia.mail");
    assertThat(conversation.get(3).get("text").asText()).contains("Clear the report cache & reload");
  }

  @Test
  void smtpOutageRetriesTheJobThenAnIncidentAndARetryAfterRecoverySendsEachMailOnce() throws Exception {
    String reference = open("mia.mail", "Licence check fails offline");
    ProcessInstance journey = startJourney(reference);
    smtp.stop();
    try {
      Job job = job(journey);
      int expectedRetries = 4;
      while (true) {
        String jobId = job.getId();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(jobId)).isInstanceOf(Exception.class);
        job = job(journey);
        assertThat(job.getRetries()).isEqualTo(expectedRetries);
        if (expectedRetries == 0) {
          break;
        }
        expectedRetries--;
      }
      assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(journey.getId()).count())
          .isEqualTo(1);
      assertThat(job.getExceptionMessage()).isNotBlank();
      assertThat(outbox(reference)).isEmpty();
    } finally {
      startSmtp();
    }

    // the operator retries the incident (Cockpit's "Increment retries")
    Job failed = job(journey);
    engine.getManagementService().setJobRetries(failed.getId(), 1);
    engine.getManagementService().executeJob(failed.getId());
    runJob(journey);

    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
    assertThat(Arrays.stream(smtp.getReceivedMessages()).map(CustomerMailIntegrationTest::subject).toList())
        .containsExactly(
            "[" + reference + "] We received your case: Licence check fails offline",
            "[" + reference + "] We need more information: Licence check fails offline");
    assertThat(outbox(reference)).extracting(Notification::status).containsOnly(Notification.SENT);
    // the message is keyed by the step's job, which kept its id through every attempt: had the node died
    // after SMTP accepted the mail and before the commit, the resend would carry the same Message-ID
    assertThat(smtp.getReceivedMessages()[0].getMessageID())
        .isEqualTo("<" + NotificationOutbox.idFor("job:" + failed.getId()) + "@mail.test>");
  }

  @Test
  void watchersOfAnOrganisationWithSharedAccessGetABlindCopy() throws Exception {
    jdbc.update("INSERT INTO organisation_shared_access (organisation_id, request_id, granted_by, granted_at)"
        + " SELECT ?, 'test-grant', 'test', ? FROM (VALUES (1)) WHERE NOT EXISTS"
        + " (SELECT 1 FROM organisation_shared_access WHERE organisation_id = ?)",
        ORGANISATION, Timestamp.from(Instant.now()), ORGANISATION);
    HttpResponse<String> optIn = http.send(http.request("/api/organisation/watching", as("max.mail"))
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"watching\": true}")).build());
    assertThat(optIn.statusCode()).isEqualTo(200);
    String reference = open("mia.mail", "Printer queue frozen");
    ProcessInstance journey = startJourney(reference);

    runJob(journey);

    MimeMessage[] delivered = smtp.getReceivedMessages();
    // one SMTP transaction, delivered to both mailboxes; the copy's address is not visible in the headers
    assertThat(delivered).hasSize(2);
    assertThat(smtp.getReceivedMessagesForDomain("example.com")).hasSize(2);
    for (MimeMessage mail : delivered) {
      assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
          .containsExactly("mia.mail@example.com");
      assertThat(mail.getHeader("Bcc")).isNull();
    }
    assertThat(outbox(reference).get(0).bccRecipients()).containsExactly("max.mail@example.com");
  }

  // ---------------------------------------------------------------- helpers

  @Test
  void whatTheCustomerSendsWhileNoStepWaitsIsAnAgentsTaskAndTheAgentsAnswerIsMailedAndShown() throws Exception {
    String reference = open("mia.mail", "Scheduler drops jobs");
    var runtime = engine.getRuntimeService();
    String caseInstance = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
        .processInstanceBusinessKey(reference).singleResult().getId();
    runtime.setVariable(caseInstance, CaseVariables.CASE_OWNER, "tier1.agent");

    HttpResponse<String> wrote = http.postJson("/api/cases/" + reference + "/messages", as("mia.mail"),
        "{\"text\": \"It also drops weekly jobs since Monday & at 3 a.m.\"}");
    assertThat(wrote.statusCode()).as(wrote.body()).isEqualTo(201);
    assertThat(json.readTree(wrote.body()).get("answeredOpenQuestion").asBoolean()).as("no step asked a question").isFalse();
    byte[] log = "2026-12-06 WARN dropped job 17\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> file = http.postMultipart("/api/cases/" + reference + "/attachments", as("mia.mail"),
        new Http.Multipart().file("file", "scheduler.log", log));
    assertThat(file.statusCode()).as(file.body()).isEqualTo(201);

    var tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE).orderByTaskCreateTime().asc().list();
    assertThat(tasks).hasSize(2);
    assertThat(tasks).extracting(org.camunda.bpm.engine.task.Task::getAssignee).containsOnly("tier1.agent");
    var texts = tasks.stream().map(task -> engine.getTaskService().getVariable(task.getId(),
        ConversationVariables.MESSAGE_TEXT)).toList();
    assertThat(texts).containsExactlyInAnyOrder("It also drops weekly jobs since Monday & at 3 a.m.",
        "File attached: scheduler.log (text/plain, " + log.length + " bytes)");
    var message = tasks.stream().filter(task -> "MESSAGE".equals(engine.getTaskService().getVariable(task.getId(),
        ConversationVariables.MESSAGE_KIND))).findFirst().orElseThrow();
    var attachment = tasks.stream().filter(task -> task != message).findFirst().orElseThrow();

    engine.getTaskService().complete(message.getId(), Map.of(ConversationVariables.SUPPORT_REPLY,
        "Thank you: weekly jobs use the same queue & we look at both."));
    engine.getTaskService().complete(attachment.getId(), Map.of(ConversationVariables.SUPPORT_REPLY, ""));
    Job reply = engine.getManagementService().createJobQuery().processInstanceId(caseInstance)
        .activityId(ConversationVariables.TASK_NOTIFY_SUPPORT_REPLIED).singleResult();
    engine.getManagementService().executeJob(reply.getId());

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).as("the receipt mail's job is not run here; the file needed no answer").hasSize(1);
    assertThat(subject(mails[0])).isEqualTo("[" + reference + "] Our answer to your message: Scheduler drops jobs");
    assertThat(text(mails[0], "text/plain")).contains("Our answer: Thank you: weekly jobs use the same queue & we look at both.");
    assertThat(text(mails[0], "text/html")).contains("same queue &amp; we look");
    JsonNode conversation = json.readTree(http.get("/api/cases/" + reference, as("mia.mail")).body())
        .get("conversation");
    assertThat(conversation.findValuesAsText("kind")).containsSubsequence("MESSAGE", "SUPPORT_REPLY");
    assertThat(conversation.get(conversation.size() - 1).get("text").asText())
        .contains("Thank you: weekly jobs use the same queue & we look at both.");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(ConversationVariables.TASK_READ_CUSTOMER_MESSAGE).count()).isZero();
    assertThat(runtime.getVariables(caseInstance)).doesNotContainKeys(ConversationVariables.SUPPORT_REPLY,
        ConversationVariables.MESSAGE_TEXT);
  }

  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  static String as(String user) {
    return Http.basic(user, TestUsers.PASSWORD);
  }

  /** The first body part of the given type, however deep in the multipart tree. */
  static String text(jakarta.mail.Part part, String type) throws Exception {
    if (part.isMimeType(type)) {
      return part.getContent().toString().replace("\r\n", "\n");
    }
    if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = text(multipart.getBodyPart(i), type);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return "";
  }

  static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  String open(String user, String summary) throws Exception {
    HttpResponse<String> response = http.postJson("/api/cases", as(user),
        json.writeValueAsString(Map.of("summary", summary, "description", "Details of: " + summary)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("reference").asText();
  }

  void answer(String reference, String path, String body) {
    HttpResponse<String> response = http.postJson("/api/cases/" + reference + path, as("mia.mail"), body);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }

  Map<String, Object> variablesOf(String reference) {
    String caseInstance = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).processInstanceBusinessKey(reference).singleResult().getId();
    return engine.getRuntimeService().getVariables(caseInstance);
  }

  ProcessInstance startJourney(String reference) {
    return engine.getRuntimeService().startProcessInstanceByKey(CustomerFixtures.JOURNEY, reference,
        variablesOf(reference));
  }

  Job job(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  void runJob(ProcessInstance instance) {
    Job job = job(instance);
    assertThat(job).isNotNull();
    engine.getManagementService().executeJob(job.getId());
  }

  List<Notification> outbox(String reference) {
    return new NotificationOutbox(jdbc).forCase(reference);
  }
}
