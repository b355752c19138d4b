package dev.supportdesk.escalation.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.sla.SlaClock;
import dev.supportdesk.escalation.sla.SlaClockView;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The customer API over HTTP against the running application: customers and organisations are engine
 * identities created here; cases start the real SupportCaseProcess. Where a test needs a step that
 * waits for a customer message, {@link CustomerFixtures#JOURNEY} runs beside the case under the same
 * reference (messages are correlated by reference).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:customer-api;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class CustomerApiIntegrationTest {

  static final String ACME = "org-acme-it";
  static final String GLOBEX = "org-globex-it";
  static final String INITECH = "org-initech-it";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired SlaClock slaClock;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void identities() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ACME, "ACME Corporation");
    CustomerFixtures.organisation(identity, GLOBEX, "Globex");
    CustomerFixtures.organisation(identity, INITECH, "Initech");
    CustomerFixtures.customer(identity, "alice.acme", ACME);
    CustomerFixtures.customer(identity, "arthur.acme", ACME);
    CustomerFixtures.customer(identity, "carol.globex", GLOBEX);
    CustomerFixtures.customer(identity, "ian.initech", INITECH);
    CustomerFixtures.customer(identity, "irene.initech", INITECH);
    CustomerFixtures.customer(identity, "hostile.acme", ACME);
    TestUsers.ensure(identity, "no.org.customer", Groups.CUSTOMERS);
    TestUsers.ensure(identity, "t1.agent.api", Groups.TIER1);
    TestUsers.ensure(identity, "t2.lead.api", Groups.TIER2_LEADS);
    TestUsers.ensure(identity, "wrong.password.customer", Groups.CUSTOMERS, ACME);
    CustomerFixtures.deployJourney(engine);
  }

  static String as(String user) {
    return Http.basic(user, TestUsers.PASSWORD);
  }

  // ---------------------------------------------------------------- happy paths

  @Test
  void opensCaseWithOrganisationAndReporterFromTheLogin() throws Exception {
    HttpResponse<String> response = http.postJson("/api/cases", as("alice.acme"), """
        {"summary": "Export to PDF fails", "description": "Every export over 50 pages stops after 60 s.",
         "product": "Reporting", "version": "4.2.1", "stepsToReproduce": "Export a 60-page report",
         "errorMessages": "TimeoutException at ExportService.<init>", "recentChanges": "Upgrade to 4.2",
         "environment": "Linux, PostgreSQL 15", "impact": "CRITICAL", "urgency": "MEDIUM", "type": "PROBLEM"}
        """);

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    String reference = body.get("reference").asText();
    assertThat(reference).matches("CASE-\\d{4}-[0-9A-HJKMNP-TV-Z]{6}");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/cases/" + reference);
    // in the Tier 1 queue at once: the "case received" mail follows on a branch of its own (its job is not run here)
    assertThat(body.at("/status/code").asText()).isEqualTo("IN_ANALYSIS");

    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).processInstanceBusinessKey(reference).singleResult();
    assertThat(instance).isNotNull();
    Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
    assertThat(variables)
        .containsEntry(CaseVariables.SUMMARY, "Export to PDF fails")
        .containsEntry(CaseVariables.PRODUCT_VERSION, "4.2.1")
        .containsEntry(CaseVariables.ERROR_MESSAGES, "TimeoutException at ExportService.<init>")
        .containsEntry(CaseVariables.IMPACT, "CRITICAL")
        .containsEntry(CaseVariables.URGENCY, "MEDIUM")
        .containsEntry(CaseVariables.PRIORITY, "P1") // CasePriority.dmn knows the API's highest rating
        .containsEntry(CaseVariables.CASE_TYPE, "PROBLEM")
        .containsEntry(CaseVariables.CUSTOMER_ID, "alice.acme")
        .containsEntry(CaseVariables.CUSTOMER_NAME, "alice.acme Fixture")
        .containsEntry(CaseVariables.CUSTOMER_EMAIL, "alice.acme@example.com")
        .containsEntry(CaseVariables.ORGANISATION_ID, ACME)
        .containsEntry(CaseVariables.ORGANISATION_NAME, "ACME Corporation");
  }

  @Test
  void listsAndReadsOwnCasesWithStatusAndTimelineButNoInternals() throws Exception {
    String reference = open("arthur.acme", "Users logged out every few minutes");
    String instanceId = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).processInstanceBusinessKey(reference).singleResult().getId();
    engine.getRuntimeService().setVariable(instanceId, "tier1Findings", "INTERNAL: customer misconfigured SSO");

    JsonNode list = json.readTree(http.get("/api/cases", as("arthur.acme")).body());
    assertThat(list.findValuesAsText("reference")).contains(reference);

    HttpResponse<String> read = http.get("/api/cases/" + reference, as("arthur.acme"));
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode details = json.readTree(read.body());
    assertThat(details.get("summary").asText()).isEqualTo("Users logged out every few minutes");
    assertThat(details.at("/status/label").asText()).isEqualTo("In analysis");
    assertThat(details.get("open").asBoolean()).isTrue();
    assertThat(details.get("timeline").get(0).get("code").asText()).isEqualTo("RECEIVED");
    assertThat(read.body()).doesNotContain("INTERNAL").doesNotContain("tier1Findings").doesNotContain(instanceId)
        .doesNotContain("processInstance").doesNotContain("arthur.acme@example.com");
  }

  @Test
  void caseShowsItsSlaTargetsWithDueDatesButNoInternals() throws Exception {
    String reference = open("arthur.acme", "Reports render blank pages");

    HttpResponse<String> read = http.get("/api/cases/" + reference, as("arthur.acme"));

    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode sla = json.readTree(read.body()).get("sla");
    // the priority is decided in the first job (job execution is off here): the targets for no priority yet
    List<SlaClockView> clocks = slaClock.clocks(reference);
    assertThat(clocks).hasSize(2);
    assertThat(sla).hasSize(2);
    for (int i = 0; i < clocks.size(); i++) {
      SlaClockView clock = clocks.get(i);
      assertThat(sla.get(i).get("target").asText()).isEqualTo(clock.target().name());
      assertThat(sla.get(i).get("state").asText()).isEqualTo("RUNNING");
      assertThat(java.time.Instant.parse(sla.get(i).get("due").asText())).isEqualTo(clock.due());
      assertThat(sla.get(i).get("promisedWithin").asText()).isEqualTo(clock.targetDuration());
    }
    assertThat(sla.findValuesAsText("target")).containsExactly("FIRST_RESPONSE", "RESOLUTION");
    assertThat(sla.findValuesAsText("promisedWithin")).containsExactly("PT4H", "P4D");
    assertThat(sla.get(0).fieldNames()).toIterable()
        .containsExactlyInAnyOrder("target", "round", "promisedWithin", "due", "state", "metAt");
    assertThat(read.body()).doesNotContain("responsibleTier").doesNotContain("tier1")
        .doesNotContain("pauseReason").doesNotContain("elapsed");
  }

  @Test
  void anotherCustomersCaseIsNotFoundAndNotListed() throws Exception {
    String reference = open("alice.acme", "Private case of Alice");

    HttpResponse<String> read = http.get("/api/cases/" + reference, as("carol.globex"));
    assertProblem(read, 404);
    assertThat(read.body()).doesNotContain("Private case");
    // a colleague without shared access does not see it either
    assertProblem(http.get("/api/cases/" + reference, as("arthur.acme")), 404);
    assertProblem(http.postJson("/api/cases/" + reference + "/messages", as("carol.globex"), "{\"text\":\"hi\"}"), 404);
    assertProblem(http.get("/api/cases/" + reference + "/attachments", as("carol.globex")), 404);
    assertProblem(http.get("/api/cases/" + reference + "/notifications", as("carol.globex")), 404);
    assertThat(json.readTree(http.get("/api/cases", as("carol.globex")).body()).findValuesAsText("reference"))
        .doesNotContain(reference);
  }

  @Test
  void retriedOpenWithSameIdempotencyKeyReturnsTheSameCase() throws Exception {
    String body = "{\"summary\": \"Invoices missing PO number\", \"description\": \"Need the PO number on invoices.\","
        + " \"type\": \"FEATURE_REQUEST\"}";
    long before = countProcessInstances();

    HttpResponse<String> first = postJson("/api/cases", "alice.acme", body, Map.of("Idempotency-Key", "retry-7f3a"));
    HttpResponse<String> retry = postJson("/api/cases", "alice.acme", body, Map.of("Idempotency-Key", "retry-7f3a"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(json.readTree(retry.body()).get("reference").asText())
        .isEqualTo(json.readTree(first.body()).get("reference").asText());
    assertThat(countProcessInstances()).isEqualTo(before + 1);
    assertThat(count("idempotency_key")).isGreaterThanOrEqualTo(1);

    HttpResponse<String> reused = postJson("/api/cases", "alice.acme",
        body.replace("Invoices", "Credit notes"), Map.of("Idempotency-Key", "retry-7f3a"));
    assertProblem(reused, 409);
    assertThat(countProcessInstances()).isEqualTo(before + 1);
  }

  @Test
  void messageIsStoredAndDeliveredToTheStepWaitingForInformation() throws Exception {
    String reference = open("alice.acme", "Report scheduler stuck");
    ProcessInstance journey = startJourney(reference);
    runJobs(journey, 2);

    HttpResponse<String> response = http.postJson("/api/cases/" + reference + "/messages", as("alice.acme"),
        "{\"text\": \"The scheduler log is attached; it started after the 4.2 upgrade.\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json.readTree(response.body()).get("answeredOpenQuestion").asBoolean()).isTrue();
    assertThat(engine.getRuntimeService().getVariable(journey.getId(), CaseMessages.CUSTOMER_REPLY))
        .isEqualTo("The scheduler log is attached; it started after the 4.2 upgrade.");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_message WHERE case_reference = ? AND delivered = TRUE",
        Integer.class, reference)).isEqualTo(1);

    // nobody waits any more: the next message is stored only
    HttpResponse<String> second = http.postJson("/api/cases/" + reference + "/messages", as("alice.acme"),
        "{\"text\": \"One more detail: it happens at midnight only.\"}");
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(json.readTree(second.body()).get("answeredOpenQuestion").asBoolean()).isFalse();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_message WHERE case_reference = ?", Integer.class,
        reference)).isEqualTo(2);
    JsonNode details = json.readTree(http.get("/api/cases/" + reference, as("alice.acme")).body());
    assertThat(details.get("timeline").findValuesAsText("type")).contains("MESSAGE", "NOTIFICATION");
    assertThat(details.at("/status/code").asText()).isEqualTo("WAITING_FOR_CUSTOMER");
  }

  @Test
  void attachesFilesAndListsTheirMetadata() throws Exception {
    String reference = open("alice.acme", "Crash on start");
    byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13};

    HttpResponse<String> log = upload(reference, "alice.acme", "server 2026-11-25.log", "text/plain",
        "2026-11-25 ERROR boom\n".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> screenshot = upload(reference, "alice.acme", "screen shot.png", "image/png", png);

    assertThat(log.statusCode()).isEqualTo(201);
    assertThat(json.readTree(log.body()).get("fileName").asText()).isEqualTo("server 2026-11-25.log");
    assertThat(screenshot.statusCode()).isEqualTo(201);
    JsonNode list = json.readTree(http.get("/api/cases/" + reference + "/attachments", as("alice.acme")).body());
    assertThat(list.findValuesAsText("fileName")).containsExactly("server 2026-11-25.log", "screen shot.png");
    assertThat(list.findValuesAsText("contentType")).containsExactly("text/plain", "image/png");
    assertThat(list.get(1).get("size").asLong()).isEqualTo(png.length);
    // attachments never become process data (so no call activity can pass them to engineering)
    String instanceId = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).processInstanceBusinessKey(reference).singleResult().getId();
    assertThat(engine.getRuntimeService().getVariables(instanceId).keySet())
        .noneMatch(name -> name.toLowerCase().contains("attach") || name.toLowerCase().contains("file"));
  }

  @Test
  void confirmationAnswersTheProposedResolution() throws Exception {
    String reference = open("alice.acme", "Dashboard slow");
    HttpResponse<String> tooEarly = http.postJson("/api/cases/" + reference + "/confirmation", as("alice.acme"),
        "{\"accepted\": true}");
    assertProblem(tooEarly, 409);

    ProcessInstance journey = startJourney(reference);
    runJobs(journey, 2);
    http.postJson("/api/cases/" + reference + "/messages", as("alice.acme"), "{\"text\": \"Here you go.\"}");
    runJobs(journey, 1);

    HttpResponse<String> objected = http.postJson("/api/cases/" + reference + "/confirmation", as("alice.acme"),
        "{\"accepted\": false, \"reason\": \"Still slow on Mondays.\"}");

    assertThat(objected.statusCode()).isEqualTo(200);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
        .variableName(CaseMessages.RESOLUTION_ACCEPTED).singleResult().getValue()).isEqualTo(false);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
        .variableName(CaseMessages.OBJECTION_REASON).singleResult().getValue()).isEqualTo("Still slow on Mondays.");
    assertProblem(http.postJson("/api/cases/" + reference + "/confirmation", as("alice.acme"),
        "{\"accepted\": true}"), 409);
  }

  @Test
  void sharedAccessApprovedByTier2LeadLetsColleaguesReadTheOrganisationsCases() throws Exception {
    String reference = open("ian.initech", "Initech licence server down");
    assertProblem(http.get("/api/cases/" + reference, as("irene.initech")), 404);

    HttpResponse<String> request = http.postJson("/api/organisation/shared-access", as("irene.initech"),
        "{\"reason\": \"Our IT team of three shares the on-call duty and must follow every case.\"}");
    assertThat(request.statusCode()).isEqualTo(202);
    assertThat(json.readTree(request.body()).get("requestStatus").asText()).isEqualTo("PENDING");
    assertProblem(http.postJson("/api/organisation/shared-access", as("ian.initech"), "{\"reason\": \"again\"}"), 409);

    Task review = engine.getTaskService().createTaskQuery()
        .processDefinitionKey(SharedAccessRequestProcess.PROCESS_ID).taskCandidateGroup(Groups.TIER2_LEADS)
        .processVariableValueEquals(SharedAccessRequestProcess.ORGANISATION_ID, INITECH).singleResult();
    assertThat(review).isNotNull();
    assertThat(engine.getTaskService().getVariable(review.getId(), SharedAccessRequestProcess.REASON))
        .isEqualTo("Our IT team of three shares the on-call duty and must follow every case.");
    // the lead decides through the engine's REST API, as Tasklist does
    HttpResponse<String> completed = http.postJson("/engine-rest/task/" + review.getId() + "/complete",
        as("t2.lead.api"), "{\"variables\": {\"" + SharedAccessRequestProcess.DECISION
            + "\": {\"value\": \"APPROVED\", \"type\": \"String\"}}}");
    assertThat(completed.statusCode()).as(completed.body()).isIn(200, 204);

    HttpResponse<String> colleague = http.get("/api/cases/" + reference, as("irene.initech"));
    assertThat(colleague.statusCode()).isEqualTo(200);
    assertThat(json.readTree(http.get("/api/cases", as("irene.initech")).body()).findValuesAsText("reference"))
        .contains(reference);
    assertThat(json.readTree(http.get("/api/organisation/shared-access", as("ian.initech")).body())
        .get("granted").asBoolean()).isTrue();
    assertThat(jdbc.queryForObject("SELECT granted_by FROM organisation_shared_access WHERE organisation_id = ?",
        String.class, INITECH)).isEqualTo("t2.lead.api");
    // read-only for colleagues; other organisations still see nothing
    assertProblem(http.postJson("/api/cases/" + reference + "/messages", as("irene.initech"), "{\"text\":\"hi\"}"), 403);
    assertProblem(http.get("/api/cases/" + reference, as("carol.globex")), 404);
  }

  @Test
  void watchersOptInAndOut() throws Exception {
    HttpResponse<String> on = putJson("/api/organisation/watching", "arthur.acme", "{\"watching\": true}");
    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(json.readTree(on.body()).get("watching").asBoolean()).isTrue();
    HttpResponse<String> off = putJson("/api/organisation/watching", "arthur.acme", "{\"watching\": false}");
    assertThat(json.readTree(off.body()).get("watching").asBoolean()).isFalse();
    assertProblem(putJson("/api/organisation/watching", "arthur.acme", "{\"watching\": \"maybe\"}"), 400);
  }

  // ---------------------------------------------------------------- authentication

  @Test
  void onlyCustomersOfOneOrganisationMayUseTheApi() {
    assertProblem(http.get("/api/cases", null), 401);
    HttpResponse<String> anonymous = http.get("/api/cases", null);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
    assertProblem(http.get("/api/cases", Http.basic("wrong.password.customer", "Not-The-Password-1!")), 401);
    assertProblem(http.get("/api/cases", as("t1.agent.api")), 403);
    assertProblem(http.get("/api/cases", as("no.org.customer")), 403);
    assertProblem(http.postJson("/api/cases", as("t1.agent.api"), "{\"summary\":\"x\",\"description\":\"y\"}"), 403);
    assertThat(http.get("/api/cases", as("alice.acme")).statusCode()).isEqualTo(200);
  }

  @Test
  void webappsEngineRestAndApiDocsKeepTheirOwnBehaviour() throws Exception {
    assertThat(http.get("/engine-rest/process-definition", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/process-definition", as("t1.agent.api")).statusCode()).isEqualTo(200);
    HttpResponse<String> tasklist = http.get("/camunda/app/tasklist/default/", null);
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.body()).containsIgnoringCase("<html");
    assertThat(http.get("/camunda/app/", null).statusCode()).isIn(200, 302);
    assertThat(http.get("/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(http.webappLogin("t1.agent.api", TestUsers.PASSWORD, "tasklist")).isEqualTo(200);

    HttpResponse<String> docs = http.get("/v3/api-docs", null);
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode paths = json.readTree(docs.body()).get("paths");
    assertThat(paths.has("/api/cases")).isTrue();
    assertThat(paths.has("/api/cases/{reference}/attachments")).isTrue();
    JsonNode schemas = json.readTree(docs.body()).at("/components/schemas");
    for (String rating : List.of("impact", "urgency")) {
      JsonNode property = schemas.at("/OpenCaseRequest/properties/" + rating);
      String ref = property.has("$ref") ? property.get("$ref").asText() : property.at("/allOf/0/$ref").asText();
      JsonNode values = property.has("enum") ? property.get("enum")
          : schemas.get(ref.substring(ref.lastIndexOf('/') + 1)).get("enum");
      List<String> documented = new ArrayList<>();
      values.forEach(value -> documented.add(value.asText()));
      assertThat(documented).as("the published values of " + rating)
          .containsExactly(java.util.Arrays.stream(Rating.values()).map(Enum::name).toArray(String[]::new));
    }
    assertThat(http.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- malformed and hostile requests

  @Test
  void malformedAndHostileRequestsAreRefusedWithProblemDetailsAndStoreNothing() throws Exception {
    String reference = open("hostile.acme", "Target of hostile requests");
    String cases = "/api/cases";
    String messages = "/api/cases/" + reference + "/messages";
    String attachments = "/api/cases/" + reference + "/attachments";
    String confirmation = "/api/cases/" + reference + "/confirmation";
    String valid = "\"description\": \"A valid description\"";
    byte[] elevenMegabytes = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(elevenMegabytes, (byte) 'a');

    record Hostile(String name, int status, String field, Supplier<HttpResponse<String>> call) {}
    List<Hostile> requests = List.of(
        new Hostile("malformed JSON", 400, "body", () -> post(cases, "{\"summary\": \"x\", " + valid)),
        new Hostile("trailing garbage", 400, "body", () -> post(cases, "{\"summary\": \"x\", " + valid + "} {}")),
        new Hostile("JSON array instead of object", 400, "body", () -> post(cases, "[1, 2]")),
        new Hostile("empty body", 400, "body", () -> post(cases, "")),
        new Hostile("number for text", 400, "summary", () -> post(cases, "{\"summary\": 123, " + valid + "}")),
        new Hostile("boolean for text", 400, "description", () -> post(cases, "{\"summary\": \"ok\", \"description\": true}")),
        new Hostile("object for text", 400, "product", () -> post(cases, "{\"summary\": \"ok\", " + valid + ", \"product\": {\"a\": 1}}")),
        new Hostile("missing summary", 400, "summary", () -> post(cases, "{" + valid + "}")),
        new Hostile("missing description", 400, "description", () -> post(cases, "{\"summary\": \"ok\"}")),
        new Hostile("blank summary", 400, "summary", () -> post(cases, "{\"summary\": \"   \", " + valid + "}")),
        new Hostile("summary too long", 400, "summary", () -> post(cases, "{\"summary\": \"" + "s".repeat(201) + "\", " + valid + "}")),
        new Hostile("description too long", 400, "description", () -> post(cases, "{\"summary\": \"ok\", \"description\": \"" + "d".repeat(20_001) + "\"}")),
        new Hostile("unknown field: organisation from the body", 400, "organisationId", () -> post(cases, "{\"summary\": \"ok\", " + valid + ", \"organisationId\": \"" + GLOBEX + "\"}")),
        new Hostile("unknown field: reporter", 400, "customerId", () -> post(cases, "{\"summary\": \"ok\", " + valid + ", \"customerId\": \"carol.globex\"}")),
        new Hostile("unknown case type", 400, "type", () -> post(cases, "{\"summary\": \"ok\", " + valid + ", \"type\": \"BUG\"}")),
        new Hostile("number for enum", 400, "impact", () -> post(cases, "{\"summary\": \"ok\", " + valid + ", \"impact\": 3}")),
        new Hostile("rating the priority table does not know", 400, "urgency", () -> post(cases, "{\"summary\": \"ok\", " + valid + ", \"urgency\": \"URGENT\"}")),
        new Hostile("duplicate key", 400, "body", () -> post(cases, "{\"summary\": \"a\", \"summary\": \"b\", " + valid + "}")),
        new Hostile("script in summary", 400, "summary", () -> post(cases, "{\"summary\": \"<script>alert(1)</script>\", " + valid + "}")),
        new Hostile("event handler in description", 400, "description", () -> post(cases, "{\"summary\": \"ok\", \"description\": \"<img src=x onerror=alert(1)>\"}")),
        new Hostile("javascript link in steps", 400, "stepsToReproduce", () -> post(cases, "{\"summary\": \"ok\", " + valid + ", \"stepsToReproduce\": \"click javascript:alert(1)\"}")),
        new Hostile("NUL character in summary", 400, "summary", () -> post(cases, "{\"summary\": \"a\\u0000b\", " + valid + "}")),
        new Hostile("line break in summary", 400, "summary", () -> post(cases, "{\"summary\": \"a\\nBcc: x@evil.example\", " + valid + "}")),
        new Hostile("text/plain body", 415, "Content-Type", () -> send(cases, "text/plain", "summary=x".getBytes(StandardCharsets.UTF_8))),
        new Hostile("XML body", 415, "Content-Type", () -> send(cases, "application/xml", "<case><summary>x</summary></case>".getBytes(StandardCharsets.UTF_8))),
        new Hostile("form body", 415, "Content-Type", () -> send(cases, "application/x-www-form-urlencoded", "summary=x&description=y".getBytes(StandardCharsets.UTF_8))),
        new Hostile("oversized body", 413, null, () -> post(cases, "{\"summary\": \"ok\", \"description\": \"" + "d".repeat(600_000) + "\"}")),
        new Hostile("bad Idempotency-Key", 400, "Idempotency-Key", () -> postJson(cases, "hostile.acme", "{\"summary\": \"ok\", " + valid + "}", Map.of("Idempotency-Key", "../../etc/passwd"))),
        new Hostile("empty message", 400, "text", () -> post(messages, "{\"text\": \"\"}")),
        new Hostile("message too long", 400, "text", () -> post(messages, "{\"text\": \"" + "m".repeat(20_001) + "\"}")),
        new Hostile("message with wrong type", 400, "text", () -> post(messages, "{\"text\": [\"a\"]}")),
        new Hostile("message with script", 400, "text", () -> post(messages, "{\"text\": \"<iframe src=//evil.example>\"}")),
        new Hostile("message to unknown case", 404, null, () -> post("/api/cases/CASE-2026-ZZZZZZ/messages", "{\"text\": \"hi\"}")),
        new Hostile("message to malformed reference", 404, null, () -> post("/api/cases/CASE-2026-%3Cscript%3E/messages", "{\"text\": \"hi\"}")),
        new Hostile("path traversal in file name", 400, "file", () -> upload(reference, "hostile.acme", "../../etc/passwd.txt", "text/plain", "root:x:0:0".getBytes(StandardCharsets.UTF_8))),
        new Hostile("windows path in file name", 400, "file", () -> upload(reference, "hostile.acme", "..\\..\\Windows\\win.log", "text/plain", "x".getBytes(StandardCharsets.UTF_8))),
        new Hostile("absolute path in file name", 400, "file", () -> upload(reference, "hostile.acme", "/etc/cron.d/job.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8))),
        new Hostile("executable", 415, "file", () -> upload(reference, "hostile.acme", "setup.exe", "application/octet-stream", new byte[] {'M', 'Z', 0, 0})),
        new Hostile("script disguised as image", 415, "file", () -> upload(reference, "hostile.acme", "photo.png", "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))),
        new Hostile("declared type does not match name", 415, "file", () -> upload(reference, "hostile.acme", "notes.txt", "text/html", "<b>hi</b>".getBytes(StandardCharsets.UTF_8))),
        new Hostile("binary disguised as log", 415, "file", () -> upload(reference, "hostile.acme", "server.log", "text/plain", new byte[] {0, 1, 2, 3})),
        new Hostile("empty file", 400, "file", () -> upload(reference, "hostile.acme", "empty.txt", "text/plain", new byte[0])),
        new Hostile("file over 10 MB", 413, "file", () -> upload(reference, "hostile.acme", "huge.log", "text/plain", elevenMegabytes)),
        new Hostile("no file part", 400, "file", () -> multipart(attachments, "hostile.acme", "note", null, "text/plain", "x".getBytes(StandardCharsets.UTF_8))),
        new Hostile("JSON to the upload endpoint", 415, "Content-Type", () -> post(attachments, "{\"file\": \"x\"}")),
        new Hostile("objection without reason", 400, "reason", () -> post(confirmation, "{\"accepted\": false}")),
        new Hostile("confirmation with text for boolean", 400, "accepted", () -> post(confirmation, "{\"accepted\": \"yes\"}")),
        new Hostile("confirmation without decision", 400, "accepted", () -> post(confirmation, "{}")),
        new Hostile("shared access without reason", 400, "reason", () -> post("/api/organisation/shared-access", "{\"reason\": \" \"}")));

    assertThat(requests).hasSizeGreaterThanOrEqualTo(20);
    Map<String, Long> before = stored();
    List<String> failures = new ArrayList<>();
    for (Hostile hostile : requests) {
      HttpResponse<String> response = hostile.call().get();
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      if (response.statusCode() != hostile.status() || !contentType.startsWith("application/problem+json")) {
        failures.add(hostile.name() + ": " + response.statusCode() + " " + contentType + " " + abbreviate(response.body()));
        continue;
      }
      JsonNode problem = json.readTree(response.body());
      if (problem.get("status").asInt() != hostile.status() || response.body().contains("Exception")
          || response.body().contains("at dev.") || response.body().contains("trace")) {
        failures.add(hostile.name() + ": leaks or wrong body " + abbreviate(response.body()));
      }
      if (hostile.field() != null && !problem.path("errors").findValuesAsText("field").contains(hostile.field())) {
        failures.add(hostile.name() + ": does not name " + hostile.field() + " in " + abbreviate(response.body()));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(stored()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- helpers

  String open(String user, String summary) throws Exception {
    HttpResponse<String> response = http.postJson("/api/cases", as(user),
        json.writeValueAsString(Map.of("summary", summary, "description", "Details of: " + summary)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("reference").asText();
  }

  ProcessInstance startJourney(String reference) {
    String caseInstance = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).processInstanceBusinessKey(reference).singleResult().getId();
    return engine.getRuntimeService().startProcessInstanceByKey(CustomerFixtures.JOURNEY, reference,
        engine.getRuntimeService().getVariables(caseInstance));
  }

  void runJobs(ProcessInstance instance, int jobs) {
    for (int i = 0; i < jobs; i++) {
      var job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
      assertThat(job).as("job %d of %s", i, instance.getId()).isNotNull();
      engine.getManagementService().executeJob(job.getId());
    }
  }

  HttpResponse<String> post(String path, String body) {
    return http.postJson(path, as("hostile.acme"), body);
  }

  HttpResponse<String> postJson(String path, String user, String body, Map<String, String> headers) {
    HttpRequest.Builder request = http.request(path, as(user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build());
  }

  HttpResponse<String> putJson(String path, String user, String body) {
    return http.send(http.request(path, as(user)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> send(String path, String contentType, byte[] body) {
    return http.send(http.request(path, as("hostile.acme")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  HttpResponse<String> upload(String reference, String user, String fileName, String contentType, byte[] content) {
    return multipart("/api/cases/" + reference + "/attachments", user, "file", fileName, contentType, content);
  }

  HttpResponse<String> multipart(String path, String user, String part, String fileName, String contentType,
      byte[] content) {
    String boundary = "----customer-api-test";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String disposition = "form-data; name=\"" + part + "\"" + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: " + contentType
        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(http.request(path, as(user)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
  }

  Map<String, Long> stored() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("customer_case", "idempotency_key", "case_message", "case_attachment",
        "shared_access_request", "organisation_shared_access", "notification_watcher")) {
      counts.put(table, count(table));
    }
    counts.put("process instances", countProcessInstances());
    return counts;
  }

  long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  long countProcessInstances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).count();
  }

  void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  static String abbreviate(String text) {
    return text == null || text.length() < 300 ? text : text.substring(0, 300) + "…";
  }

}
