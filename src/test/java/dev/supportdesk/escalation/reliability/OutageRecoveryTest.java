package dev.supportdesk.escalation.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.SupportCaseElements;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.engineering.EngineeringVariables;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.FreePort;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SMTP and the engineering tracker (Jira) are down while customers open cases and an engineer confirms
 * defects: the agents' work is saved, new cases reach the Tier 1 queue at once (the "case received" mail
 * is a branch of its own), every "notify customer" and "open engineering ticket" step retries
 * on its schedule ({@code camunda:failedJobRetryTimeCycle}, five attempts) and then stands as an incident
 * an operator sees through the REST API Cockpit uses, with the failure's message. Once both are back, the
 * operator's retry (Cockpit's "increment retries") delivers every mail and opens every ticket, exactly once;
 * a step still within its schedule when the outage ends delivers on its own.
 *
 * <p>The job executor runs as in production; only the gap between attempts is shortened (one minute in the
 * diagrams, {@value #RETRY_INTERVAL} here), so the five attempts take seconds, not minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:outage;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=true",
    // the executor looks for due retries at least every second (production: backs off up to a minute)
    "camunda.bpm.job-execution.max-wait=1000",
    "spring.mail.host=127.0.0.1",
    "spring.mail.properties.[mail.smtp.connectiontimeout]=2000",
    "support.tracker.type=jira",
    "support.tracker.jira.user=support-bot@vendor.example",
    "support.tracker.jira.token=ATATT3xFfGF0-outage-test-token",
    "support.tracker.jira.project-key=SUP",
    "support.tracker.jira.webhook-secret=whsec-outage-test",
    "support.tracker.jira.read-timeout=PT3S",
    "support.tracker.jira.poll-interval=PT12H"})
@DirtiesContext
class OutageRecoveryTest {

  static final String RETRY_INTERVAL = "PT1S";
  static final int CASES = 3;
  static final int DEFECTS = 2;
  static final int ATTEMPTS = 5;
  static final String ORGANISATION = "org-outage";
  static final String CUSTOMER = "olga.outage";
  static final String ENGINEER = "eddie.outage";
  static final String OPERATOR = "oscar.outage";
  static final String NOTIFY_RECEIVED = SupportCaseElements.TASK_NOTIFY_CASE_RECEIVED;
  static final Duration PATIENCE = Duration.ofSeconds(90);

  static final int SMTP_PORT = FreePort.next();
  static final WireMockServer JIRA = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static GreenMail smtp;

  static {
    JIRA.start();
  }

  @DynamicPropertySource
  static void outsideSystems(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("support.tracker.jira.base-url", JIRA::baseUrl);
  }

  @AfterAll
  static void stopOutsideSystems() {
    JIRA.stop();
    if (smtp != null) {
      smtp.stop();
    }
  }

  /** The diagrams' retry schedules with their number of attempts kept and a short gap between them. */
  @TestConfiguration
  static class ShortRetryGaps {
    @Bean
    ProcessEnginePlugin shortRetryGaps() {
      return new AbstractProcessEnginePlugin() {
        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
          if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
          }
          configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity definition) {
              shorten(definition);
            }
          });
        }
      };
    }

    static void shorten(ScopeImpl scope) {
      for (ActivityImpl activity : scope.getActivities()) {
        FailedJobRetryConfiguration cycle =
            activity.getProperties().get(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION);
        if (cycle != null && cycle.getRetryIntervals() != null) {
          Matcher repeat = Pattern.compile("R(\\d+)/.*").matcher(cycle.getRetryIntervals().get(0));
          activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
              new FailedJobRetryConfiguration(cycle.getRetries(), List.of(repeat.matches()
                  ? "R" + repeat.group(1) + "/" + RETRY_INTERVAL : RETRY_INTERVAL)));
        }
        shorten(activity);
      }
    }
  }

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void stepsRetryThenStandAsIncidentsAndTheOperatorsRetryDeliversEverythingOnceAfterRecovery() throws Exception {
    Http http = new Http(port);
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORGANISATION, "Outage Test Ltd");
    CustomerFixtures.customer(identity, CUSTOMER, ORGANISATION);
    TestUsers.ensure(identity, ENGINEER, Groups.ENGINEERING);
    TestUsers.ensure(identity, OPERATOR, Groups.CAMUNDA_ADMIN);
    String operator = Http.basic(OPERATOR, TestUsers.PASSWORD);

    // given SMTP down (nothing listens on its port) and Jira answering 503 to everything
    JIRA.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)
        .withBody("{\"errorMessages\":[\"Service unavailable\"]}")));

    // when customers open cases and an engineer confirms defects
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      HttpResponse<String> opened = http.postJson("/api/cases", Http.basic(CUSTOMER, TestUsers.PASSWORD),
          "{\"summary\":\"Outage case " + i + "\",\"description\":\"Opened while SMTP is down.\"}");
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
      cases.add(json.readTree(opened.body()).get("reference").asText());
    }
    List<String> defects = new ArrayList<>();
    List<String> confirmations = new ArrayList<>();
    for (int i = 0; i < DEFECTS; i++) {
      String reference = "CASE-2026-OUTAGE" + i;
      String instance = engine.getRuntimeService().startProcessInstanceByKey(EngineeringVariables.PROCESS_ID,
          reference, Map.of(EngineeringContract.ENGINEERING_SUMMARY, "Export times out " + i,
              EngineeringContract.ENGINEERING_DESCRIPTION, "The nightly export stops after 30 s.", CaseVariables.PRIORITY, "P2"))
          .getId();
      String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      HttpResponse<String> confirmed = http.postJson("/engine-rest/task/" + task + "/complete",
          Http.basic(ENGINEER, TestUsers.PASSWORD), confirmDefect());
      if (confirmed.statusCode() == 409) {
        // the customer's notice ended its branch at that moment and moved the task: the engineer submits again
        confirmed = http.postJson("/engine-rest/task/" + task + "/complete",
            Http.basic(ENGINEER, TestUsers.PASSWORD), confirmDefect());
      }
      // the agent's form is saved although the tracker is down: the ticket is opened after a save point
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
      defects.add(reference);
      confirmations.add(task);
    }

    // then every step retries on its schedule and ends as an incident the operator sees, with its reason
    int expectedIncidents = CASES + DEFECTS;
    await().atMost(PATIENCE).until(() -> incidents(http, operator).size() == expectedIncidents);
    JsonNode incidents = incidents(http, operator);
    Map<String, String> jobOfIncident = new HashMap<>();
    List<String> instancesWithMailIncident = new ArrayList<>();
    int mailIncidents = 0;
    int trackerIncidents = 0;
    for (JsonNode incident : incidents) {
      String jobId = incident.get("configuration").asText();
      JsonNode job = json.readTree(http.get("/engine-rest/job/" + jobId, operator).body());
      assertThat(job.get("retries").asInt()).isZero();
      String activity = incident.get("activityId").asText();
      if (activity.equals(NOTIFY_RECEIVED)) {
        mailIncidents++;
        instancesWithMailIncident.add(incident.get("processInstanceId").asText());
        assertThat(incident.get("incidentMessage").asText()).as("mail incident").containsIgnoringCase("mail");
      } else {
        assertThat(activity).isEqualTo(EngineeringVariables.TASK_OPEN_TICKET);
        trackerIncidents++;
        assertThat(incident.get("incidentMessage").asText()).as("tracker incident").contains("Jira")
            .doesNotContain("ATATT3xFfGF0");
      }
      assertThat(http.get("/engine-rest/job/" + jobId + "/stacktrace", operator).body()).isNotBlank();
      jobOfIncident.put(incident.get("id").asText(), jobId);
    }
    assertThat(mailIncidents).isEqualTo(CASES);
    assertThat(trackerIncidents).isEqualTo(DEFECTS);
    int mailFailures = failures(http, operator, NOTIFY_RECEIVED);
    int trackerFailures = failures(http, operator, EngineeringVariables.TASK_OPEN_TICKET);
    assertThat(mailFailures).as("attempts of each mail step").isEqualTo(CASES * ATTEMPTS);
    assertThat(trackerFailures).as("attempts of each ticket step").isEqualTo(DEFECTS * ATTEMPTS);
    int jiraCallsFailed = JIRA.findAll(anyRequestedFor(anyUrl())).size();
    // the engineers' confirmations stay saved; nothing reached a customer or a tracker yet
    for (String task : confirmations) {
      JsonNode done = json.readTree(http.get("/engine-rest/history/task?taskId=" + task, operator).body()).get(0);
      assertThat(done.get("deleteReason").asText()).isEqualTo("completed");
    }
    for (String reference : cases) {
      assertThat(json.readTree(http.get("/api/cases/" + reference + "/notifications",
          Http.basic(CUSTOMER, TestUsers.PASSWORD)).body()).size()).as("mails recorded for %s", reference).isZero();
    }
    // the cases did not wait for their mail: each is in the Tier 1 queue while its mail is an incident
    int inTier1WhileMailIsIncident = 0;
    for (String reference : cases) {
      assertThat(instancesWithMailIncident).as("mail incident of %s", reference).contains(caseInstance(reference));
      assertThat(tier1Tasks(reference)).as("%s in the Tier 1 queue during the outage", reference).isEqualTo(1);
      inTier1WhileMailIsIncident++;
    }

    // and a case opened late in the outage is still within its schedule when SMTP comes back
    HttpResponse<String> late = http.postJson("/api/cases", Http.basic(CUSTOMER, TestUsers.PASSWORD),
        "{\"summary\":\"Outage case late\",\"description\":\"Opened just before SMTP is back.\"}");
    assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
    String lateCase = json.readTree(late.body()).get("reference").asText();
    assertThat(tier1Tasks(lateCase)).as("the late case in the Tier 1 queue before its mail went out").isEqualTo(1);
    await().atMost(PATIENCE).until(() -> failures(http, operator, NOTIFY_RECEIVED) > CASES * ATTEMPTS);

    // when SMTP and Jira are back and the operator retries every incident, as Cockpit does
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    JIRA.resetAll();
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson("{\"issues\":[]}")));
    for (int i = 0; i < DEFECTS; i++) {
      String key = "SUP-" + (700 + i);
      JIRA.stubFor(post(urlPathEqualTo("/rest/api/2/issue")).withRequestBody(containing(defects.get(i)))
          .willReturn(okJson("{\"key\":\"" + key + "\"}").withStatus(201)));
      JIRA.stubFor(get(urlPathEqualTo("/rest/api/2/issue/" + key)).willReturn(okJson(
          "{\"key\":\"" + key + "\",\"fields\":{\"status\":{\"name\":\"To Do\"}}}")));
    }
    long recoveryStarted = System.nanoTime();
    for (String jobId : jobOfIncident.values()) {
      HttpResponse<String> retried = http.send(http.request("/engine-rest/job/" + jobId + "/retries", operator)
          .header("Content-Type", "application/json")
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"retries\":1}")).build());
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
    }

    // then every mail goes out and every ticket is opened, once, and the cases move on
    await().atMost(PATIENCE).until(() -> incidents(http, operator).isEmpty()
        && smtp.getReceivedMessages().length >= CASES + 1
        && engine.getTaskService().createTaskQuery().processDefinitionKey(EngineeringVariables.PROCESS_ID)
            .taskDefinitionKey(EngineeringVariables.TASK_TRIAGE_DEFECT).count() == DEFECTS);
    Duration recovered = Duration.ofNanos(System.nanoTime() - recoveryStarted);
    Thread.sleep(2000); // a second copy would arrive now
    Map<String, Integer> mailsPerCase = new HashMap<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      assertThat(mail.getSubject()).contains("We received your case");
      mailsPerCase.merge(mail.getHeader("X-Case-Reference", null), 1, Integer::sum);
    }
    int lateAttemptsFailed = failures(http, operator, NOTIFY_RECEIVED) - mailFailures;
    assertThat(lateAttemptsFailed).as("failed attempts of the late case's mail").isBetween(1, ATTEMPTS - 1);
    assertThat(json.readTree(http.get("/engine-rest/history/incident?activityId=" + NOTIFY_RECEIVED, operator).body())
        .size()).as("incidents ever raised for mails: the late case's none").isEqualTo(CASES);
    cases.add(lateCase);
    for (String reference : cases) {
      assertThat(mailsPerCase.get(reference)).as("'case received' mails of %s", reference).isEqualTo(1);
      assertThat(tier1Tasks(reference)).as("%s in the Tier 1 queue", reference).isEqualTo(1);
    }
    int ticketsOpened = JIRA.findAll(postRequestedFor(urlPathEqualTo("/rest/api/2/issue"))).size();
    for (int i = 0; i < DEFECTS; i++) {
      String instance = engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(EngineeringVariables.PROCESS_ID).processInstanceBusinessKey(defects.get(i))
          .singleResult().getId();
      assertThat(engine.getRuntimeService().getVariable(instance, EngineeringContract.TICKET_KEY))
          .isEqualTo("SUP-" + (700 + i));
    }
    int delivered = mailsPerCase.values().stream().mapToInt(Integer::intValue).sum() + ticketsOpened;
    int lost = (CASES + 1 + DEFECTS) - (int) (mailsPerCase.size() + engine.getRuntimeService().createVariableInstanceQuery()
        .variableName(EngineeringContract.TICKET_KEY).count());

    int sentTwice = smtp.getReceivedMessages().length - cases.size() + ticketsOpened - DEFECTS;
    System.out.printf("outage of SMTP and Jira: cases in the Tier 1 queue while their mail was an incident=%d of %d,"
            + " mail attempts failed=%d, tracker attempts failed=%d"
            + " (Jira calls refused=%d), retries=%d, incidents raised=%d, agent forms rolled back=0,"
            + " delivered after recovery=%d (mails=%d of which by the retry schedule=1, tickets=%d), lost=%d,"
            + " sent twice=%d, time to deliver after recovery=%d ms%n",
        inTier1WhileMailIsIncident, CASES, mailFailures + lateAttemptsFailed, trackerFailures, jiraCallsFailed,
        mailFailures + trackerFailures - expectedIncidents + lateAttemptsFailed, expectedIncidents, delivered,
        smtp.getReceivedMessages().length, ticketsOpened, lost, sentTwice, recovered.toMillis());
    assertThat(ticketsOpened).as("issues created in Jira").isEqualTo(DEFECTS);
    assertThat(smtp.getReceivedMessages()).hasSize(CASES + 1);
    assertThat(sentTwice).isZero();
    assertThat(lost).isZero();
  }

  // ------------------------------------------------------------------ helpers

  long tier1Tasks(String reference) {
    return engine.getTaskService().createTaskQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER1).count();
  }

  /** The case's own instance; the SLA clock runs under the same reference. */
  String caseInstance(String reference) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
        .processInstanceBusinessKey(reference).singleResult().getId();
  }

  JsonNode incidents(Http http, String operator) throws IOException {
    return json.readTree(http.get("/engine-rest/incident?incidentType=failedJob", operator).body());
  }

  /** Failed attempts of the jobs at {@code activityId}, from the job log Cockpit shows. */
  int failures(Http http, String operator, String activityId) throws IOException {
    return json.readTree(http.get("/engine-rest/history/job-log/count?failureLog=true&activityIdIn=" + activityId,
        operator).body()).get("count").asInt();
  }

  String confirmDefect() {
    ObjectNode body = json.createObjectNode();
    ObjectNode variables = body.putObject("variables");
    variables.putObject(EngineeringVariables.DEFECT_REPRODUCED).put("value", true).put("type", "Boolean");
    variables.putObject(EngineeringVariables.DEFECT_CONFIRMED).put("value", true).put("type", "Boolean");
    variables.putObject(EngineeringVariables.CONFIRMATION_NOTES).put("value", "Reproduced with a 60-page report")
        .put("type", "String");
    variables.putObject(EngineeringVariables.BUSINESS_IMPACT).put("value", "DEGRADED").put("type", "String");
    variables.putObject(EngineeringVariables.AFFECTED_USERS).put("value", "MANY").put("type", "String");
    variables.putObject(EngineeringVariables.DATA_LOSS).put("value", false).put("type", "Boolean");
    variables.putObject(EngineeringVariables.SECURITY_CONCERN).put("value", false).put("type", "Boolean");
    variables.putObject(EngineeringVariables.WORKAROUND_AVAILABLE).put("value", false).put("type", "Boolean");
    return body.toString();
  }
}
