package dev.supportdesk.escalation.tracker.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.supportdesk.escalation.engineering.EngineeringVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.engineering.HandOffSanitiser;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.CaseText;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.HandOff;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.Reporter;
import dev.supportdesk.escalation.notification.Notification;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.tracker.EngineeringTracker;
import dev.supportdesk.escalation.tracker.EngineeringTracker.NewTicket;
import dev.supportdesk.escalation.tracker.TicketStatus;
import dev.supportdesk.escalation.tracker.jira.JiraClient.JiraRejectedException;
import dev.supportdesk.escalation.tracker.jira.JiraStatusSync.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
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
 * Scope 3: the engineering process in the running application with {@code support.tracker.type=jira}
 * against an HTTP fake of Jira (WireMock): the exact requests, what reaches Jira of a case's text, retries
 * and incidents, no second issue, and statuses coming back by webhook and by polling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:jira-it;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false",
    "support.tracker.type=jira",
    "support.tracker.jira.user=support-bot@vendor.example",
    "support.tracker.jira.token=" + JiraTrackerIntegrationTest.TOKEN,
    "support.tracker.jira.project-key=SUP",
    "support.tracker.jira.webhook-secret=" + JiraTrackerIntegrationTest.SECRET,
    "support.tracker.jira.read-timeout=PT3S",
    "support.tracker.jira.poll-interval=PT12H"})
class JiraTrackerIntegrationTest {

  static final String TOKEN = "ATATT3xFfGF0-not-a-real-token-7d1c";
  static final String SECRET = "whsec-5b0e3c9a71d24f8e";
  static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
      ("support-bot@vendor.example:" + TOKEN).getBytes(StandardCharsets.UTF_8));

  static final WireMockServer JIRA = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    JIRA.start();
  }

  @DynamicPropertySource
  static void jira(DynamicPropertyRegistry registry) {
    registry.add("support.tracker.jira.base-url", JIRA::baseUrl);
  }

  @AfterAll
  static void stopJira() {
    JIRA.stop();
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired EngineeringTracker tracker;
  @Autowired JiraTickets tickets;
  @Autowired JiraStatusPoller poller;
  @Autowired HandOffSanitiser sanitiser;
  @Autowired NotificationOutbox outbox;
  @Autowired CaseStatusTracker caseStatus;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  final HttpClient http = HttpClient.newHttpClient();
  String caseReference;

  @BeforeEach
  void freshCaseAndJira() {
    JIRA.resetAll();
    caseReference = "CASE-2026-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson("{\"issues\":[]}")));
  }

  @Test
  void opensTheIssueWithTheConfiguredFieldsAndNoneOfTheCustomersPersonalData() throws Exception {
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).willReturn(okJson("{\"id\":\"10101\",\"key\":\"SUP-101\"}").withStatus(201)));
    statusIs("SUP-101", "To Do");

    ProcessInstance instance = startAtOpenTicket();
    executeJobs(instance);

    assertThat(runtime.getVariable(instance.getId(), EngineeringContract.TICKET_KEY)).isEqualTo("SUP-101");
    assertThat(tickets.find("SUP-101")).get().extracting(JiraTickets.JiraTicket::caseReference).isEqualTo(caseReference);
    List<LoggedRequest> creations = JIRA.findAll(postRequestedFor(urlPathEqualTo("/rest/api/2/issue")));
    assertThat(creations).hasSize(1);
    LoggedRequest creation = creations.get(0);
    assertThat(creation.getHeader("Authorization")).isEqualTo(AUTHORIZATION);
    assertThat(creation.getHeader("Content-Type")).startsWith("application/json");
    JsonNode fields = json.readTree(creation.getBodyAsString()).path("fields");
    assertThat(fields.path("project").path("key").asText()).isEqualTo("SUP");
    assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Bug");
    assertThat(fields.path("priority").path("name").asText()).isEqualTo("High");
    assertThat(fields.path("summary").asText()).isEqualTo("Nightly export of 60-page reports times out");
    assertThat(json.convertValue(fields.path("labels"), String[].class))
        .contains(caseReference, JiraTracker.APPLICATION_LABEL)
        .anyMatch(label -> label.startsWith(JiraTracker.DEDUP_LABEL_PREFIX));
    String description = fields.path("description").asText();
    assertThat(description).contains("The export job stops after 30 s", "7.24.0");
    assertThat(creation.getBodyAsString()).doesNotContain("maria.oliveira@acme-logistics.example", "Oliveira",
        "Maria", "+44 20 7946 0321", "Acme Logistics", "data:image/png");
    // the search that came first asked for exactly this step's labels, in the configured project
    LoggedRequest search = JIRA.findAll(getRequestedFor(urlPathEqualTo("/rest/api/2/search"))).get(0);
    assertThat(search.queryParameter("jql").firstValue()).contains("project = \"SUP\"",
        "labels = \"" + caseReference + "\"", "labels = \"" + JiraTracker.DEDUP_LABEL_PREFIX);
    assertThat(search.getHeader("Authorization")).isEqualTo(AUTHORIZATION);
    // "To Do" is already Specifying: the ticket is not moved, the customer is told
    JIRA.verify(0, postRequestedFor(urlPathEqualTo("/rest/api/2/issue/SUP-101/transitions")));
    assertThat(outbox.forCase(caseReference)).extracting(Notification::kind)
        .containsExactly(NotificationKind.ESCALATED_TO_ENGINEERING, NotificationKind.ENGINEERING_SPECIFYING);
  }

  @Test
  void jiraDownRetriesToAnIncidentAndTheOperatorsRetryOpensExactlyOneIssue() {
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withBody("{\"errorMessages\":[\"Service unavailable\"]}")));
    ProcessInstance instance = startAtOpenTicket();
    Job job = openTicketJob(instance);

    for (int attempt = 1; attempt <= 5; attempt++) {
      if (attempt == 3) {
        // a timeout instead of a 5xx: Jira answers after the configured read timeout (3 s)
        JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withFixedDelay(6000)));
      }
      assertThatThrownBy(() -> management.executeJob(job.getId())).isNotNull();
      Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
      assertThat(failed.getRetries()).isEqualTo(5 - attempt);
      assertThat(failed.getExceptionMessage()).contains("Jira").doesNotContain(TOKEN, AUTHORIZATION);
      assertThat(management.getJobExceptionStacktrace(job.getId())).doesNotContain(TOKEN);
    }
    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getActivityId()).isEqualTo(TASK_OPEN_TICKET);
    assertThat(tickets.forCase(caseReference)).isEmpty();

    // Jira is back; the operator retries the incident
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"key\":\"SUP-202\"}").withStatus(201)));
    statusIs("SUP-202", "To Do");
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    executeJobs(instance);

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(runtime.getVariable(instance.getId(), EngineeringContract.TICKET_KEY)).isEqualTo("SUP-202");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getTaskDefinitionKey())
        .isEqualTo(TASK_TRIAGE_DEFECT);
    assertThat(tickets.forCase(caseReference)).extracting(JiraTickets.JiraTicket::issueKey).containsExactly("SUP-202");
  }

  @Test
  void anIssueCreatedInJiraWhoseJobRolledBackIsFoundByItsLabelsNotCreatedAgain() {
    // Jira creates the issue but answers after our read timeout: the job fails and rolls back
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"key\":\"SUP-303\"}").withStatus(201).withFixedDelay(6000)).willSetStateTo("created"));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/search")).inScenario("slow").whenScenarioStateIs("created")
        .willReturn(okJson("{\"issues\":[{\"id\":\"10303\",\"key\":\"SUP-303\",\"fields\":{\"status\":{\"name\":\"To Do\"}}}]}")));
    statusIs("SUP-303", "To Do");
    ProcessInstance instance = startAtOpenTicket();
    Job job = openTicketJob(instance);

    assertThatThrownBy(() -> management.executeJob(job.getId())).isNotNull();
    assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getExceptionMessage()).contains("did not answer");
    management.executeJob(job.getId()); // the retry, without waiting for its due date
    executeJobs(instance);

    assertThat(runtime.getVariable(instance.getId(), EngineeringContract.TICKET_KEY)).isEqualTo("SUP-303");
    JIRA.verify(1, postRequestedFor(urlPathEqualTo("/rest/api/2/issue")));
    assertThat(tickets.forCase(caseReference)).extracting(JiraTickets.JiraTicket::issueKey).containsExactly("SUP-303");
  }

  @Test
  void aStepOpeningItsTicketAgainGetsTheStoredIssueWithoutAskingJira() {
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).willReturn(okJson("{\"key\":\"SUP-404\"}").withStatus(201)));
    NewTicket ticket = new NewTicket(caseReference, "pi-404/" + TASK_OPEN_TICKET, "Export times out",
        "## Description\n\nThe export fails.", "P3", null);

    String first = tracker.open(ticket).key();
    String again = tracker.open(ticket).key();

    assertThat(again).isEqualTo(first).isEqualTo("SUP-404");
    JIRA.verify(1, postRequestedFor(urlPathEqualTo("/rest/api/2/issue"))
        .withRequestBody(matchingJsonPath("$.fields.priority.name", equalTo("Low"))));
    JIRA.verify(1, getRequestedFor(urlPathEqualTo("/rest/api/2/search")));
  }

  @Test
  void aProjectOrIssueTypeJiraDoesNotKnowFailsWithJirasReasonAndNeverTheToken() {
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorMessages\":[],\"errors\":{\"issuetype\":\"Specify a valid issue type\"}}")));

    assertThatThrownBy(() -> tracker.open(new NewTicket(caseReference, "pi-1/" + TASK_OPEN_TICKET, "Export",
        "Text", "P1", null)))
        .isInstanceOf(JiraRejectedException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("issuetype: Specify a valid issue type")
        .hasMessageContaining("support.tracker.jira.project-key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));

    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).willReturn(aResponse().withStatus(401)));
    assertThatThrownBy(() -> tracker.open(new NewTicket(caseReference, "pi-2/" + TASK_OPEN_TICKET, "Export",
        "Text", "P1", null)))
        .isInstanceOf(JiraRejectedException.class).hasMessageContaining("HTTP 401")
        .hasMessageContaining("support.tracker.jira.user")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void triageMovesTheIssueThroughJirasTransitionAndCommentsWhatTheCaseLearnt() {
    ProcessInstance instance = atTriage("SUP-505");
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/issue/SUP-505/transitions")).willReturn(okJson(
        "{\"transitions\":[{\"id\":\"31\",\"name\":\"Start progress\",\"to\":{\"name\":\"In Progress\"}},"
            + "{\"id\":\"21\",\"name\":\"Select\",\"to\":{\"name\":\"Selected for Development\"}}]}")));
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue/SUP-505/transitions")).willReturn(aResponse().withStatus(204)));
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue/SUP-505/comment")).willReturn(okJson("{\"id\":\"1\"}").withStatus(201)));

    complete(instance, TASK_TRIAGE_DEFECT, Map.of(SEVERITY, "HIGH", DEVELOPER, "erin.engineer", RELEASE_PATH, "HOTFIX"));
    executeJobs(instance);

    // Ready after triage, then In progress for the hotfix: each through the transition leading there
    List<LoggedRequest> moves = JIRA.findAll(postRequestedFor(urlPathEqualTo("/rest/api/2/issue/SUP-505/transitions")));
    assertThat(moves).extracting(LoggedRequest::getBodyAsString).containsExactly(
        "{\"transition\":{\"id\":\"21\"}}", "{\"transition\":{\"id\":\"31\"}}");
    assertThat(moves).allSatisfy(move -> assertThat(move.getHeader("Authorization")).isEqualTo(AUTHORIZATION));
    JIRA.verify(1, postRequestedFor(urlPathEqualTo("/rest/api/2/issue/SUP-505/comment"))
        .withRequestBody(equalToJson("{\"body\":\"Triage: severity HIGH, HOTFIX, developer erin.engineer\"}")));
    assertThat(tickets.find("SUP-505")).get().extracting(JiraTickets.JiraTicket::status)
        .isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getTaskDefinitionKey())
        .isEqualTo(TASK_DEVELOP_FIX);
  }

  @Test
  void webhookRefusesMissingAndForgedSignaturesAndFollowsSignedEventsOnce() throws Exception {
    ProcessInstance instance = atTriage("SUP-606");
    String inProgress = event("SUP-606", "In Progress", Instant.now().toEpochMilli());

    HttpResponse<String> missing = webhook(inProgress, Map.of());
    HttpResponse<String> forged = webhook(inProgress, Map.of("X-Hub-Signature", "sha256=" + sign(inProgress, "guessed-secret")));
    HttpResponse<String> wrongToken = webhookWithQuery(inProgress, "secret=guessed-secret");

    for (HttpResponse<String> refused : List.of(missing, forged, wrongToken)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    }
    assertThat(tickets.find("SUP-606")).get().extracting(JiraTickets.JiraTicket::status).isEqualTo(TicketStatus.SPECIFYING);

    HttpResponse<String> signed = webhook(inProgress, Map.of("X-Hub-Signature", "sha256=" + sign(inProgress, SECRET)));
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(signed.body()).contains("FOLLOWED");
    executeJobs(instance);
    // the same delivery again (Jira retries): nothing new
    assertThat(webhook(inProgress, Map.of("X-Hub-Signature", "sha256=" + sign(inProgress, SECRET))).body())
        .contains("REPEATED");
    executeJobs(instance);

    assertThat(caseStatus.history(caseReference)).extracting(CaseStatusTracker.Entry::status)
        .containsExactly(CaseStatus.ENGINEERING_SPECIFYING, CaseStatus.ENGINEERING_IN_PROGRESS);
    assertThat(outbox.forCase(caseReference)).extracting(Notification::kind).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING, NotificationKind.ENGINEERING_SPECIFYING, NotificationKind.ENGINEERING_IN_PROGRESS);
    // the engineers' Tasklist work is untouched
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getTaskDefinitionKey())
        .isEqualTo(TASK_TRIAGE_DEFECT);
  }

  @Test
  void lateAndBackwardEventsAreIgnoredAndOnlyAReopenOfADoneTicketGoesBack() throws Exception {
    ProcessInstance instance = atTriage("SUP-707");
    long now = Instant.now().toEpochMilli();

    assertThat(dataCenterWebhook(event("SUP-707", "Done", now))).contains("FOLLOWED");
    // delivered late: an older event of the move to In Progress
    assertThat(dataCenterWebhook(event("SUP-707", "In Progress", now - 60_000))).contains("STALE");
    // newer, but backwards without being a reopen
    assertThat(dataCenterWebhook(event("SUP-707", "Selected for Development", now + 1_000))).contains("BACKWARDS");
    // a regression: Done back to In Progress is followed
    assertThat(dataCenterWebhook(event("SUP-707", "In Progress", now + 2_000))).contains("FOLLOWED");
    // a status the mapping does not know, and an issue that is no case's ticket
    assertThat(dataCenterWebhook(event("SUP-707", "Waiting for Legal", now + 3_000))).contains("UNMAPPED_STATUS");
    assertThat(dataCenterWebhook(event("OPS-1", "Done", now + 4_000))).contains("UNKNOWN_ISSUE");
    executeJobs(instance);

    assertThat(caseStatus.history(caseReference)).extracting(CaseStatusTracker.Entry::status).containsExactly(
        CaseStatus.ENGINEERING_SPECIFYING, CaseStatus.ENGINEERING_DONE, CaseStatus.ENGINEERING_IN_PROGRESS);
    assertThat(outbox.forCase(caseReference)).extracting(Notification::kind).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING, NotificationKind.ENGINEERING_SPECIFYING, NotificationKind.ENGINEERING_DONE,
        NotificationKind.ENGINEERING_IN_PROGRESS);
  }

  @Test
  void pollingCatchesUpOnAMissedWebhookThroughTheSamePath() {
    ProcessInstance instance = atTriage("SUP-808");
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/issue/SUP-808")).willReturn(okJson(
        "{\"key\":\"SUP-808\",\"fields\":{\"status\":{\"name\":\"In Review\"}}}")));

    Map<Outcome, Integer> first = poller.poll();
    executeJobs(instance);
    Map<Outcome, Integer> second = poller.poll();
    executeJobs(instance);

    assertThat(first).containsEntry(Outcome.FOLLOWED, 1);
    assertThat(second).containsEntry(Outcome.REPEATED, 1).doesNotContainKey(Outcome.FOLLOWED);
    JIRA.verify(getRequestedFor(urlPathEqualTo("/rest/api/2/issue/SUP-808"))
        .withQueryParam("fields", equalTo("status")).withHeader("Authorization", equalTo(AUTHORIZATION)));
    assertThat(outbox.forCase(caseReference)).extracting(Notification::kind).containsExactly(
        NotificationKind.ESCALATED_TO_ENGINEERING, NotificationKind.ENGINEERING_SPECIFYING, NotificationKind.ENGINEERING_IN_PROGRESS);
  }

  // --- steps -------------------------------------------------------------------------------------

  /** The case's hand-off as the case's "Sanitise engineering hand-off" step makes it, from realistic text. */
  private Map<String, Object> handOff() {
    HandOff handOff = sanitiser.handOff(new CaseText(
        "Nightly export of 60-page reports times out",
        "Hi, Maria Oliveira from Acme Logistics here. The export job stops after 30 s since we upgraded to"
            + " 7.24.0. Call me on +44 20 7946 0321 or write to maria.oliveira@acme-logistics.example.\n"
            + "Screenshot: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB\n-- \nMaria Oliveira\nAcme Logistics Ltd",
        "1. Open Reports\n2. Export the 60-page report", "TimeoutException after 30000 ms", "7.24.0 on PostgreSQL 15",
        "Upgraded from 7.23.2", null, null, null),
        new Reporter("Maria Oliveira", "maria.oliveira@acme-logistics.example", "maria.oliveira",
            "Acme Logistics Ltd", "org-acme-logistics"));
    return Map.of(EngineeringContract.ENGINEERING_SUMMARY, handOff.summary(),
        EngineeringContract.ENGINEERING_DESCRIPTION, handOff.description(), "priority", "P1");
  }

  private ProcessInstance startAtOpenTicket() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_ID, caseReference, handOff());
    executeJobs(instance); // the customer is told of the escalation
    complete(instance, TASK_CONFIRM_DEFECT, Map.of(DEFECT_REPRODUCED, true, DEFECT_CONFIRMED, true,
        CONFIRMATION_NOTES, "Reproduced with a 60-page report", BUSINESS_IMPACT, "DEGRADED", AFFECTED_USERS, "MANY",
        DATA_LOSS, false, SECURITY_CONCERN, false, WORKAROUND_AVAILABLE, false));
    return instance;
  }

  /** The ticket opened in Jira as {@code issueKey} (status To Do) and the process waiting at triage. */
  private ProcessInstance atTriage(String issueKey) {
    JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).willReturn(okJson("{\"key\":\"" + issueKey + "\"}").withStatus(201)));
    statusIs(issueKey, "To Do");
    ProcessInstance instance = startAtOpenTicket();
    executeJobs(instance);
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getTaskDefinitionKey())
        .isEqualTo(TASK_TRIAGE_DEFECT);
    return instance;
  }

  private void statusIs(String issueKey, String statusName) {
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/issue/" + issueKey)).willReturn(okJson(
        "{\"key\":\"" + issueKey + "\",\"fields\":{\"status\":{\"name\":\"" + statusName + "\"}}}")));
  }

  private Job openTicketJob(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_OPEN_TICKET).singleResult();
  }

  private void complete(ProcessInstance instance, String taskDefinitionKey, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskDefinitionKey)
        .singleResult().getId(), variables);
  }

  private void executeJobs(ProcessInstance instance) {
    List<Job> jobs;
    while (!(jobs = management.createJobQuery().processInstanceId(instance.getId()).executable().list()).isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private static String event(String issueKey, String status, long timestamp) {
    return "{\"timestamp\":" + timestamp + ",\"webhookEvent\":\"jira:issue_updated\",\"issue_event_type_name\":\"issue_generic\","
        + "\"user\":{\"displayName\":\"Erin Engineer\"},\"issue\":{\"id\":\"1\",\"key\":\"" + issueKey + "\","
        + "\"fields\":{\"summary\":\"Export times out\",\"labels\":[],\"status\":{\"name\":\"" + status + "\"}}},"
        + "\"changelog\":{\"items\":[{\"field\":\"status\",\"toString\":\"" + status + "\"}]}}";
  }

  private static String sign(String body, String secret) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> webhook(String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + JiraWebhookController.PATH))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> webhookWithQuery(String body, String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + JiraWebhookController.PATH + "?" + query))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Data Center: the secret in the registered URL's query. */
  private String dataCenterWebhook(String body) throws Exception {
    HttpResponse<String> response = webhookWithQuery(body, "secret=" + SECRET);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
