package dev.supportdesk.escalation.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.feature.FeatureRequestContract;
import dev.supportdesk.escalation.feature.FeatureRequestVariables;
import dev.supportdesk.escalation.sla.SlaClock;
import dev.supportdesk.escalation.sla.SlaClockRecord;
import dev.supportdesk.escalation.sla.SlaClockView;
import dev.supportdesk.escalation.sla.SlaTarget;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scope 3: the customer answers the quote of their feature request through the API and the real
 * FeatureRequestProcess moves on: approved, it is scheduled; declined, withdrawn. The SLA clock of the
 * case is paused while the customer decides; answers that come too late, twice, from strangers or
 * malformed are refused with problem+json and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:feature-quote-api;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class FeatureQuoteApiIntegrationTest {

  static final String ORG = "org-quote-it";
  static final String OTHER_ORG = "org-quote-other";

  @Autowired ProcessEngine engine;
  @Autowired SlaClock slaClock;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  Http http;

  @BeforeEach
  void customers() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORG, "Quote Ltd");
    CustomerFixtures.organisation(identity, OTHER_ORG, "Other Ltd");
    CustomerFixtures.customer(identity, "quinn.quote", ORG);
    CustomerFixtures.customer(identity, "oscar.other", OTHER_ORG);
  }

  @Test
  void anApprovedQuoteSchedulesTheRequestAndTheClockWaitedWhileTheCustomerDecided() throws Exception {
    String reference = open();
    assertProblem(http.postJson(quote(reference), as("quinn.quote"), "{\"approved\": true}"), 409);
    assertProblem(http.get(quote(reference), as("quinn.quote")), 404);
    ProcessInstance request = quoted(reference, 12_500);

    assertThat(resolutionClock(reference).state()).isEqualTo(SlaClockRecord.State.PAUSED);
    JsonNode pending = json.readTree(http.get(quote(reference), as("quinn.quote")).body());
    assertThat(pending.get("scope").asText()).isEqualTo("XLSX export of every report, with formatting");
    assertThat(pending.get("cost").asDouble()).isEqualTo(12_500);
    assertProblem(http.get(quote(reference), as("oscar.other")), 404);
    assertProblem(http.postJson(quote(reference), as("oscar.other"), "{\"approved\": false}"), 404);

    // the customer takes an hour to decide
    ClockUtil.setCurrentTime(
        Date.from(Instant.now().plus(Duration.ofHours(1))));
    HttpResponse<String> approved;
    try {
      approved = http.postJson(quote(reference), as("quinn.quote"),
          "{\"approved\": true, \"comment\": \"Go ahead, PO 4711 follows.\"}");
    } finally {
      ClockUtil.reset();
    }

    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    runJobs(request);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(request.getId()).singleResult()
        .getTaskDefinitionKey()).isEqualTo("Task_ScheduleDevelopment");
    assertThat(engine.getRuntimeService().getVariable(request.getId(), CaseMessages.QUOTE_COMMENT))
        .isEqualTo("Go ahead, PO 4711 follows.");
    assertThat(resolutionClock(reference).state()).isEqualTo(SlaClockRecord.State.RUNNING);
    assertThat(resolutionClock(reference).pausedTime()).isGreaterThanOrEqualTo(Duration.ofMinutes(59));
    // answered once; the timeline shows it
    assertProblem(http.postJson(quote(reference), as("quinn.quote"), "{\"approved\": false}"), 409);
    JsonNode details = json.readTree(http.get("/api/cases/" + reference, as("quinn.quote")).body());
    assertThat(details.get("timeline").findValuesAsText("title")).contains("Quote approved");
  }

  @Test
  void aDeclinedQuoteWithdrawsTheRequestAndBadAnswersChangeNothing() throws Exception {
    String reference = open();
    ProcessInstance request = quoted(reference, 3_000);

    assertProblem(http.postJson(quote(reference), as("quinn.quote"), "{\"comment\": \"maybe\"}"), 400);
    assertProblem(http.postJson(quote(reference), as("quinn.quote"), "{\"approved\": \"perhaps\"}"), 400);
    assertProblem(http.postJson(quote(reference), as("quinn.quote"),
        "{\"approved\": false, \"comment\": \"<script>alert(1)</script>\"}"), 400);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(request.getId())
        .singleResult()).as("still waiting for a proper answer").isNotNull();

    HttpResponse<String> declined = http.postJson(quote(reference), as("quinn.quote"),
        "{\"approved\": false, \"comment\": \"Too expensive for this year.\"}");

    assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(request.getId())
        .variableName(FeatureRequestContract.FEATURE_DECISION).singleResult().getValue())
        .isEqualTo(FeatureRequestContract.Decision.WITHDRAWN.name());
  }

  // --- steps -------------------------------------------------------------------------------------

  private String open() throws Exception {
    HttpResponse<String> opened = http.postJson("/api/cases", as("quinn.quote"),
        "{\"summary\": \"Export reports as XLSX\", \"description\": \"Finance needs XLSX exports.\","
            + " \"type\": \"FEATURE_REQUEST\"}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    return json.readTree(opened.body()).get("reference").asText();
  }

  /** The case's feature request scoped and priced, the quote sent and awaiting the customer. */
  private ProcessInstance quoted(String reference, double cost) {
    ProcessInstance request = engine.getRuntimeService()
        .createProcessInstanceByKey(FeatureRequestContract.PROCESS_ID).businessKey(reference)
        .startBeforeActivity(FeatureRequestVariables.TASK_NOTIFY_QUOTE)
        .setVariables(Map.of(FeatureRequestVariables.FEATURE_SCOPE, "XLSX export of every report, with formatting",
            FeatureRequestVariables.COST_ESTIMATE, cost, "summary", "Export reports as XLSX"))
        .execute();
    runJobs(request);
    assertThat(engine.getRuntimeService().createExecutionQuery().processInstanceId(request.getId())
        .activityId(FeatureRequestVariables.TASK_AWAIT_QUOTE_RESPONSE).count()).isOne();
    return request;
  }

  private SlaClockView resolutionClock(String reference) {
    return slaClock.clocks(reference).stream().filter(view -> view.target() == SlaTarget.RESOLUTION)
        .findFirst().orElseThrow();
  }

  private void runJobs(ProcessInstance instance) {
    List<Job> jobs;
    while (!(jobs = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .executable().list()).isEmpty()) {
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private static String quote(String reference) {
    return "/api/cases/" + reference + "/quote";
  }

  private static String as(String user) {
    return Http.basic(user, TestUsers.PASSWORD);
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
  }
}
