package dev.supportdesk.escalation.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.supportdesk.escalation.engineering.EngineeringVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.FreePort;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.tracker.jira.JiraWebhookController;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scope 3: "the Support Specialist responsible for your case will receive a message" (seed 000) over
 * real SMTP (GreenMail) with Jira as the tracker (an HTTP fake): a case handed to engineering by its
 * owner, then engineering's Done reached on the scheduled-release path in Tasklist and, for another
 * case, reported by Jira's webhook. The owner gets one mail and a follow-up task each time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:owner-mail-it;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false",
    "spring.mail.host=127.0.0.1",
    "support.notifications.message-id-domain=mail.test",
    "support.notifications.public-base-url=https://support.vendor.example/",
    "support.tracker.type=jira",
    "support.tracker.jira.user=support-bot@vendor.example",
    "support.tracker.jira.token=ATATT3xFfGF0-owner-test",
    "support.tracker.jira.project-key=SUP",
    "support.tracker.jira.webhook-secret=" + CaseOwnerMailIntegrationTest.SECRET,
    "support.tracker.jira.poll-interval=PT12H"})
class CaseOwnerMailIntegrationTest {

  static final String SECRET = "whsec-owner-3c9a71d2";
  static final String OWNER = "olivia.owner";
  static final int SMTP_PORT = FreePort.next();
  static final WireMockServer JIRA = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  static {
    JIRA.start();
    SMTP.start();
  }

  @DynamicPropertySource
  static void outsideSystems(DynamicPropertyRegistry registry) {
    registry.add("support.tracker.jira.base-url", JIRA::baseUrl);
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @AfterAll
  static void stopOutsideSystems() {
    JIRA.stop();
    SMTP.stop();
  }

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  String reference;
  String issueKey;

  @BeforeEach
  void freshCase() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    JIRA.resetAll();
    TestUsers.ensure(engine.getIdentityService(), OWNER, Groups.TIER1);
    reference = "CASE-2026-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    issueKey = "SUP-" + (100 + (int) (Math.random() * 800));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson("{\"issues\":[]}")));
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).willReturn(okJson("{\"key\":\"" + issueKey + "\"}").withStatus(201)));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/issue/" + issueKey)).willReturn(okJson(
        "{\"key\":\"" + issueKey + "\",\"fields\":{\"status\":{\"name\":\"To Do\"}}}")));
    JIRA.stubFor(get(urlPathMatching("/rest/api/2/issue/[^/]+/transitions")).willReturn(okJson(
        "{\"transitions\":[{\"id\":\"21\",\"name\":\"Select\",\"to\":{\"name\":\"Selected for Development\"}},"
            + "{\"id\":\"31\",\"name\":\"Start progress\",\"to\":{\"name\":\"In Progress\"}},"
            + "{\"id\":\"41\",\"name\":\"Close\",\"to\":{\"name\":\"Done\"}}]}")));
    JIRA.stubFor(post(urlPathMatching("/rest/api/2/issue/[^/]+/transitions")).willReturn(aResponse().withStatus(204)));
    JIRA.stubFor(post(urlPathMatching("/rest/api/2/issue/[^/]+/comment")).willReturn(okJson("{\"id\":\"1\"}").withStatus(201)));
  }

  @Test
  void theOwnerIsMailedAndGetsAFollowUpTaskWhenAScheduledReleaseShips() throws Exception {
    ProcessInstance engineering = handedToEngineering();
    complete(engineering, TASK_TRIAGE_DEFECT, Map.of(SEVERITY, "HIGH", DEVELOPER, "erin.engineer",
        RELEASE_PATH, "SCHEDULED_RELEASE", TARGET_RELEASE, "7.25.0"));
    executeJobs();
    complete(engineering, TASK_SCHEDULE_FIX, Map.of(TARGET_RELEASE, "7.25.0", PLANNED_QUARTER, "2027-Q1"));
    executeJobs();
    complete(engineering, TASK_DEVELOP_FIX, Map.of(FIX_DESCRIPTION, "Added an index on report_id (commit 4f3a2b1)"));
    complete(engineering, TASK_TEST_ON_STAGING, Map.of(STAGING_BUILD, "7.25.0-rc1", STAGING_TEST_NOTES, "Export in 4 s on staging"));
    complete(engineering, TASK_VERIFY_FIX, Map.of(FIX_VERIFIED, true, VERIFICATION_NOTES, "Regression suite green"));
    assertThat(ownerMails()).as("nothing before engineering is done").isEmpty();
    complete(engineering, TASK_RELEASE_FIX, Map.of(RELEASE_VERSION, "7.25.0", APP_UPDATE_REQUIRED, true,
        RELEASE_NOTES, "Exports of large reports no longer time out."));
    complete(engineering, TASK_MONITOR_RELEASE, Map.of(REGRESSION_FOUND, false, MONITORING_NOTES, "Two weeks without errors"));
    executeJobs();

    List<MimeMessage> mails = ownerMails();
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).isEqualTo("[" + reference + "] Engineering is done: Nightly export times out");
    assertThat(mail.getHeader("X-Case-Reference", null)).isEqualTo(reference);
    assertThat(mail.getHeader("Message-ID", null)).startsWith("<staff-").endsWith("@mail.test>");
    String body = GreenMailUtil.getBody(mail);
    assertThat(body).contains("Ticket: " + issueKey, "Release: 7.25.0", "SCHEDULED_RELEASE",
        "https://support.vendor.example/camunda/app/tasklist/");
    // the owner's own task, in the owner's "My cases" queue
    Task followUp = engine.getTaskService().createTaskQuery().processInstanceId(engineering.getId())
        .taskDefinitionKey(OwnerVariables.TASK_FOLLOW_UP).singleResult();
    assertThat(followUp.getAssignee()).isEqualTo(OWNER);
    assertThat(engine.getTaskService().getVariableLocal(followUp.getId(), QueueVariables.OWNER)).isEqualTo(OWNER);
    // a customer never receives the staff mail
    assertThat(SMTP.getReceivedMessagesForDomain("acme.example")).allSatisfy(customerMail ->
        assertThat(customerMail.getSubject()).doesNotContain("Engineering is done:"));
  }

  @Test
  void theOwnerIsMailedOnceWhenJiraReportsTheTicketDone() throws Exception {
    ProcessInstance engineering = handedToEngineering();

    String done = "{\"timestamp\":" + Instant.now().toEpochMilli() + ",\"webhookEvent\":\"jira:issue_updated\","
        + "\"issue\":{\"id\":\"1\",\"key\":\"" + issueKey + "\",\"fields\":{\"summary\":\"Export\",\"labels\":[],"
        + "\"status\":{\"name\":\"Done\"}}},\"changelog\":{\"items\":[{\"field\":\"status\",\"toString\":\"Done\"}]}}";
    assertThat(webhook(done).body()).contains("FOLLOWED");
    executeJobs();
    // Jira delivers the same event again: no second mail
    assertThat(webhook(done).body()).contains("REPEATED");
    executeJobs();

    List<MimeMessage> mails = ownerMails();
    assertThat(mails).hasSize(1);
    assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Ticket: " + issueKey);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(engineering.getId())
        .taskDefinitionKey(OwnerVariables.TASK_FOLLOW_UP).singleResult().getAssignee()).isEqualTo(OWNER);
    // the engineers' own work goes on
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(engineering.getId())
        .taskDefinitionKey(TASK_TRIAGE_DEFECT).count()).isOne();
  }

  @Test
  void theLeadsOfTheResponsibleTierAreMailedOfAnSlaWarningBesideTheirTask() throws Exception {
    TestUsers.ensure(engine.getIdentityService(), "lars.lead", Groups.TIER1_LEADS);
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, "Invoices show the wrong VAT", CaseVariables.DESCRIPTION, "Since the update",
        CaseVariables.IMPACT, "HIGH", CaseVariables.URGENCY, "HIGH"));
    ProcessInstance clock = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(dev.supportdesk.escalation.sla.SlaVariables.PROCESS_ID).processInstanceBusinessKey(reference)
        .singleResult();

    // the first-response warning falls due (run now rather than waiting hours)
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(clock.getId()).activityId(dev.supportdesk.escalation.sla.SlaVariables.TIMER_FIRST_RESPONSE_WARNING)
        .singleResult().getId());
    executeJobs();

    List<MimeMessage> toLead = List.of(SMTP.getReceivedMessagesForDomain("example.com")).stream()
        .filter(mail -> recipients(mail).contains("lars.lead@example.com")).toList();
    assertThat(toLead).hasSize(1);
    assertThat(toLead.get(0).getSubject()).isEqualTo("[" + reference + "] SLA warning: first response (P0)");
    assertThat(GreenMailUtil.getBody(toLead.get(0))).contains("Invoices show the wrong VAT",
        "Review SLA warning: first response", "https://support.vendor.example/camunda/app/tasklist/");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(clock.getId())
        .taskDefinitionKey("Task_ReviewFirstResponseWarning").taskCandidateGroup(Groups.TIER1_LEADS).count()).isOne();
  }

  // --- steps -------------------------------------------------------------------------------------

  /** A case its owner (olivia) handed to engineering, the defect confirmed and the Jira issue opened. */
  private ProcessInstance handedToEngineering() {
    ProcessInstance supportCase = engine.getRuntimeService().createProcessInstanceByKey(CaseVariables.PROCESS_ID)
        .businessKey(reference).startBeforeActivity("CallActivity_Engineering")
        .setVariable(CaseVariables.CASE_OWNER, OWNER)
        .setVariable(CaseVariables.SUMMARY, "Nightly export times out")
        .setVariable(CaseVariables.CUSTOMER_EMAIL, "maria@acme.example")
        .setVariable(EngineeringContract.ENGINEERING_SUMMARY, "Nightly export times out")
        .setVariable(EngineeringContract.ENGINEERING_DESCRIPTION, "The export job stops after 30 s.")
        .setVariable(CaseVariables.PRIORITY, "P1")
        .execute();
    ProcessInstance engineering = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(supportCase.getId()).singleResult();
    executeJobs();
    complete(engineering, TASK_CONFIRM_DEFECT, Map.of(DEFECT_REPRODUCED, true, DEFECT_CONFIRMED, true,
        CONFIRMATION_NOTES, "Reproduced with a 60-page report", BUSINESS_IMPACT, "DEGRADED", AFFECTED_USERS, "MANY",
        DATA_LOSS, false, SECURITY_CONCERN, false, WORKAROUND_AVAILABLE, false));
    executeJobs();
    assertThat(engine.getRuntimeService().getVariable(engineering.getId(), EngineeringContract.TICKET_KEY))
        .isEqualTo(issueKey);
    return engineering;
  }

  private List<MimeMessage> ownerMails() throws Exception {
    return List.of(SMTP.getReceivedMessagesForDomain("example.com")).stream()
        .filter(mail -> recipients(mail).contains(OWNER + "@example.com")).toList();
  }

  private static String recipients(MimeMessage mail) {
    try {
      return String.valueOf(List.of(mail.getRecipients(Message.RecipientType.TO)));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void complete(ProcessInstance instance, String taskDefinitionKey, Map<String, Object> variables) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as("open task %s", taskDefinitionKey).isNotNull();
    engine.getTaskService().complete(task.getId(), variables);
  }

  /** Runs the due jobs of this case (its processes share the business key) until none is left. */
  private void executeJobs() {
    List<Job> jobs;
    while (!(jobs = jobsOfTheCase()).isEmpty()) {
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private List<Job> jobsOfTheCase() {
    List<String> instances = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .list().stream().map(ProcessInstance::getId).toList();
    return instances.stream().flatMap(instance -> engine.getManagementService().createJobQuery()
        .processInstanceId(instance).executable().list().stream()).toList();
  }

  private HttpResponse<String> webhook(String body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + JiraWebhookController.PATH))
        .header("Content-Type", "application/json").header("X-Hub-Signature", "sha256=" + signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
