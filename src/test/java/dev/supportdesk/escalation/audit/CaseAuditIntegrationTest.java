package dev.supportdesk.escalation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.WebappSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditors' case view over HTTP, through the doors Cockpit uses: the webapps' session login and
 * the plugin API under /camunda/api/cockpit/plugin/case-audit. Cases of a test-only process keep the
 * test independent of how the escalation diagrams evolve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:case-audit;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "support.audit.process-definition-key=" + AuditProbeCases.PROCESS})
@org.springframework.context.annotation.Import(FixedSlaRecords.InTests.class)
class CaseAuditIntegrationTest {

  static final String API = "/camunda/api/cockpit/plugin/case-audit/default";
  static final int BULK = 1_030;


  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  static boolean casesCreated;
  static String closedInstanceId;
  static String runningInstanceId;

  @BeforeEach
  void cases() {
    if (casesCreated) {
      return;
    }
    AuditProbeCases.deployAndCreateUsers(engine);
    TestUsers.ensure(engine.getIdentityService(), "t1.agent", Groups.TIER1);
    TestUsers.ensure(engine.getIdentityService(), "po.owner", Groups.PROCESS_OWNERS);
    closedInstanceId = AuditProbeCases.closedCase(engine, jdbc).getId();
    runningInstanceId = AuditProbeCases.start(engine, AuditProbeCases.RUNNING, "LOW", "org-globex", "P3").getId();
    // one transaction for all: a thousand commits take minutes on a busy machine
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(commandContext -> {
          for (int i = 0; i < BULK; i++) {
            AuditProbeCases.finished(engine, String.format("BULK-%04d", i), "org-bulk", "P4", "MAJOR");
          }
          return null;
        });
    casesCreated = true;
  }

  WebappSession auditor() {
    WebappSession session = WebappSession.login(port, AuditProbeCases.AUDITOR, TestUsers.PASSWORD, "cockpit");
    assertThat(session.loginStatus()).isEqualTo(200);
    return session;
  }

  JsonNode getJson(WebappSession session, String path) throws Exception {
    HttpResponse<String> response = session.get(API + path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  List<String> references(JsonNode page) {
    List<String> references = new ArrayList<>();
    page.get("items").forEach(item -> references.add(item.get("reference").asText()));
    return references;
  }

  @Test
  void auditorFindsCasesByReferenceOrganisationStatePrioritySeveritySlaOutcomeAndDates() throws Exception {
    WebappSession auditor = auditor();
    String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);

    assertThat(references(getJson(auditor, "/cases?reference=CASE-2026-AUDIT")))
        .containsExactlyInAnyOrder(AuditProbeCases.CLOSED, AuditProbeCases.RUNNING);
    assertThat(references(getJson(auditor, "/cases?organisation=org-acme"))).containsExactly(AuditProbeCases.CLOSED);
    assertThat(references(getJson(auditor, "/cases?reference=CASE-&state=completed")))
        .containsExactly(AuditProbeCases.CLOSED);
    assertThat(references(getJson(auditor, "/cases?reference=CASE-&state=running")))
        .containsExactly(AuditProbeCases.RUNNING);
    // the priority an operator changed is the one searched
    assertThat(references(getJson(auditor, "/cases?priority=P1"))).containsExactly(AuditProbeCases.CLOSED);
    assertThat(references(getJson(auditor, "/cases?priority=P2"))).isEmpty();
    assertThat(references(getJson(auditor, "/cases?severity=CRITICAL"))).containsExactly(AuditProbeCases.CLOSED);
    assertThat(references(getJson(auditor, "/cases?severity=MINOR"))).containsExactly(AuditProbeCases.RUNNING);
    assertThat(references(getJson(auditor, "/cases?slaOutcome=BREACHED"))).containsExactly(AuditProbeCases.CLOSED);
    assertThat(references(getJson(auditor, "/cases?slaOutcome=MET"))).isEmpty();
    assertThat(references(getJson(auditor, "/cases?reference=CASE-&startedFrom=" + today + "&endedTo=" + today)))
        .containsExactly(AuditProbeCases.CLOSED);
    assertThat(getJson(auditor, "/cases?reference=CASE-&startedTo=2020-01-01").get("count").asLong()).isZero();

    JsonNode closed = getJson(auditor, "/cases?reference=" + AuditProbeCases.CLOSED).get("items").get(0);
    assertThat(closed.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(closed.get("organisationId").asText()).isEqualTo("org-acme");
    assertThat(closed.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(closed.get("slaOutcome").asText()).isEqualTo("BREACHED");
    assertThat(closed.get("endTime").isNull()).isFalse();

    HttpResponse<String> bad = auditor.get(API + "/cases?state=sleeping");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("RUNNING");
  }

  @Test
  void searchIsCountedAndPagedOnTheServerWithoutAThousandCap() throws Exception {
    WebappSession auditor = auditor();

    JsonNode first = getJson(auditor, "/cases?reference=BULK-&sortBy=reference&sortOrder=asc&maxResults=10");
    assertThat(first.get("count").asLong()).isEqualTo(BULK);
    assertThat(references(first)).first().isEqualTo("BULK-0000");

    JsonNode beyondThousand = getJson(auditor,
        "/cases?reference=BULK-&sortBy=reference&sortOrder=asc&firstResult=1020&maxResults=50");
    assertThat(references(beyondThousand)).hasSize(BULK - 1020).first().isEqualTo("BULK-1020");
    assertThat(references(beyondThousand)).last().isEqualTo(String.format("BULK-%04d", BULK - 1));

    JsonNode descending = getJson(auditor, "/cases?reference=BULK-&sortBy=reference&sortOrder=desc&maxResults=1");
    assertThat(references(descending)).containsExactly(String.format("BULK-%04d", BULK - 1));
  }

  @Test
  void searchResultExportsAsCsvAndJsonWithEveryMatchingCase() throws Exception {
    WebappSession auditor = auditor();

    HttpResponse<String> csv = auditor.get(API + "/cases/export?format=csv&reference=BULK-&sortBy=reference&sortOrder=asc");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines).hasSize(BULK + 1);
    assertThat(lines[0]).startsWith("reference,state,startTime,endTime");
    assertThat(lines[1]).startsWith("BULK-0000,COMPLETED,").contains(",org-bulk,P4,MAJOR,");

    HttpResponse<String> exported = auditor.get(API + "/cases/export?format=json&reference=CASE-");
    assertThat(exported.statusCode()).isEqualTo(200);
    JsonNode rows = json.readTree(exported.body());
    assertThat(rows.isArray()).isTrue();
    assertThat(StreamSupport.stream(rows.spliterator(), false).map(row -> row.get("reference").asText()))
        .containsExactlyInAnyOrder(AuditProbeCases.CLOSED, AuditProbeCases.RUNNING);
  }

  @Test
  void auditorReadsTheWholeTimelineOfAClosedCase() throws Exception {
    JsonNode record = getJson(auditor(), "/cases/" + AuditProbeCases.CLOSED);

    assertThat(record.at("/summary/state").asText()).isEqualTo("COMPLETED");
    assertThat(record.at("/summary/slaOutcome").asText()).isEqualTo("BREACHED");
    // the case and the process it called, linked by the call, not by business key
    assertThat(record.get("processInstances")).hasSize(2);
    assertThat(record.at("/processInstances/1/processDefinitionKey").asText()).isEqualTo("AuditProbeSubProcess");
    assertThat(record.at("/processInstances/1/superProcessInstanceId").asText()).isEqualTo(closedInstanceId);

    JsonNode timeline = record.get("timeline");
    JsonNode review = find(timeline, "ACTIVITY", "Review case");
    assertThat(review.get("who").asText()).isEqualTo(AuditProbeCases.AGENT);
    assertThat(review.at("/details/candidateGroups/0").asText()).isEqualTo(Groups.TIER1);
    assertThat(review.get("durationMillis").isNumber()).isTrue();
    assertThat(review.get("endedAt").isNull()).isFalse();
    assertThat(find(timeline, "ACTIVITY", "Record findings").get("processDefinitionKey").asText())
        .isEqualTo("AuditProbeSubProcess");

    JsonNode decision = find(timeline, "DECISION", "Decision: Audit probe severity");
    assertThat(decision.at("/details/inputs/Impact").asText()).isEqualTo("HIGH");
    assertThat(decision.at("/details/outputs/severity").asText()).isEqualTo("CRITICAL");
    assertThat(record.at("/decisions/0/outputs/0/ruleId").asText()).isEqualTo("Rule_HighImpact");

    JsonNode priorityChange = find(timeline, "VARIABLE", "Variable changed: priority = P1 (was P2)");
    assertThat(priorityChange.get("who").asText()).isEqualTo(AuditProbeCases.OPERATOR);
    assertThat(find(timeline, "COMMENT", "Comment").get("who").asText()).isEqualTo(AuditProbeCases.AGENT);
    assertThat(find(timeline, "COMMENT", "Comment").at("/details/text").asText()).isEqualTo(AuditProbeCases.COMMENT);
    JsonNode incident = find(timeline, "INCIDENT", "Incident (mailDelivery): " + AuditProbeCases.INCIDENT_MESSAGE);
    assertThat(incident.at("/details/state").asText()).isEqualTo("resolved");
    assertThat(find(timeline, "SLA", "SLA breached: RESOLUTION").get("at").asText())
        .isEqualTo(FixedSlaRecords.BREACHED.toString());
    assertThat(find(timeline, "SLA", "SLA warning: RESOLUTION")).isNotNull();
    assertThat(find(timeline, "NOTIFICATION", "Notification CASE_CLOSED: " + AuditProbeCases.NOTIFICATION_SUBJECT)
        .at("/details/status").asText()).isEqualTo("SENT");
    assertThat(find(timeline, "STATUS", "Customer-facing status: CLOSED")).isNotNull();
    assertThat(find(timeline, "CUSTOMER_MESSAGE", "Customer message (RESOLUTION_RESPONSE)").at("/details/text").asText())
        .isEqualTo(AuditProbeCases.CUSTOMER_MESSAGE);

    // the user operation log: who changed what outside the normal flow
    List<String> operations = new ArrayList<>();
    record.get("operations").forEach(op -> operations.add(op.get("userId").asText() + " " + op.get("operationType").asText()
        + " " + op.get("entityType").asText()));
    assertThat(operations).contains(AuditProbeCases.OPERATOR + " SetVariable Variable",
        AuditProbeCases.AGENT + " Claim Task", AuditProbeCases.AGENT + " Complete Task");
  }

  @Test
  void pathShowsTheElementsVisitedAndTheFlowsTakenFromTheHistory() throws Exception {
    JsonNode paths = getJson(auditor(), "/cases/" + AuditProbeCases.CLOSED + "/path");

    assertThat(paths).hasSize(2);
    JsonNode main = paths.get(0);
    assertThat(main.get("bpmnXml").asText()).contains("BPMNDiagram_AuditProbeProcess");
    assertThat(fieldNames(main.get("visited"))).contains("StartEvent_CaseReceived", "Task_ClassifySeverity",
        "Gateway_Critical", "Task_CallInvestigation", "Gateway_Merge", "Task_ReviewCase", "EndEvent_CaseClosed")
        .doesNotContain("EndEvent_Reminded");
    assertThat(texts(main.get("takenFlows"))).containsExactlyInAnyOrder("Flow_ToClassify", "Flow_ToSeverityGateway",
        "Flow_Critical", "Flow_FromInvestigation", "Flow_ToReview", "Flow_ToClosed");
    assertThat(texts(main.get("active"))).isEmpty();
    assertThat(texts(paths.get(1).get("takenFlows"))).containsExactlyInAnyOrder("Flow_ToFindings", "Flow_ToDone");

    JsonNode running = getJson(auditor(), "/cases/" + AuditProbeCases.RUNNING + "/path").get(0);
    assertThat(texts(running.get("takenFlows"))).contains("Flow_NotCritical", "Flow_ToReview")
        .doesNotContain("Flow_Critical", "Flow_FromInvestigation", "Flow_ToClosed");
    assertThat(texts(running.get("active"))).containsExactly("Task_ReviewCase");
  }

  @Test
  void caseRecordExportsAsJsonAndCsv() throws Exception {
    WebappSession auditor = auditor();

    HttpResponse<String> exported = auditor.get(API + "/cases/" + AuditProbeCases.CLOSED + "/export?format=json");
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.headers().firstValue("Content-Disposition").orElse(""))
        .contains("filename=\"case-" + AuditProbeCases.CLOSED + ".json\"");
    JsonNode record = json.readTree(exported.body());
    assertThat(record.at("/summary/reference").asText()).isEqualTo(AuditProbeCases.CLOSED);
    assertThat(record.get("decisions")).hasSize(1);
    assertThat(record.get("variableChanges").size()).isGreaterThan(3);
    assertThat(record.get("incidents")).hasSize(1);
    assertThat(record.get("sla")).hasSize(2);
    assertThat(record.get("notifications")).hasSize(1);

    HttpResponse<String> csv = auditor.get(API + "/cases/" + AuditProbeCases.CLOSED + "/export?format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).startsWith("section,time,endTime,durationMillis,kind,title,who")
        .contains(",DECISION,Decision: Audit probe severity,")
        .contains(",COMMENT,Comment," + AuditProbeCases.AGENT + ",")
        .contains(",VARIABLE,Variable changed: priority = P1 (was P2)," + AuditProbeCases.OPERATOR + ",")
        .contains("operation,").contains(",USER_OPERATION,SetVariable Variable," + AuditProbeCases.OPERATOR + ",");

    assertThat(auditor.get(API + "/cases/NO-SUCH-CASE").statusCode()).isEqualTo(404);
    assertThat(auditor.get(API + "/cases/" + AuditProbeCases.CLOSED + "/export?format=xml").statusCode()).isEqualTo(400);
  }

  @Test
  void everyEndpointIsReadOnly() {
    WebappSession auditor = auditor();
    for (String path : List.of("/options", "/cases", "/cases/export", "/cases/" + AuditProbeCases.CLOSED,
        "/cases/" + AuditProbeCases.CLOSED + "/path", "/cases/" + AuditProbeCases.CLOSED + "/export")) {
      assertThat(auditor.get(API + path).statusCode()).as("GET " + path).isEqualTo(200);
      for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
        assertThat(auditor.send(method, API + path, "application/json", "{}").statusCode())
            .as(method + " " + path).isIn(403, 405);
      }
    }
  }

  @Test
  void auditorCannotModifyRetryCancelOrDeleteThroughEngineRestOrCockpit() {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(runningInstanceId).singleResult();
    Job reminder = engine.getManagementService().createJobQuery().processInstanceId(runningInstanceId).singleResult();
    String auditorBasic = Http.basic(AuditProbeCases.AUDITOR, TestUsers.PASSWORD);
    Http rest = new Http(port);
    String pi = "/process-instance/" + runningInstanceId;

    assertThat(rest.get("/engine-rest" + pi, auditorBasic).statusCode()).isEqualTo(200);
    assertThat(rest.send(rest.request("/engine-rest" + pi + "/variables/priority", auditorBasic)
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":\"P9\",\"type\":\"String\"}")).build())
        .statusCode()).as("set variable").isEqualTo(403);
    assertThat(rest.send(rest.request("/engine-rest/job/" + reminder.getId() + "/retries", auditorBasic)
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"retries\":3}")).build())
        .statusCode()).as("retry job").isEqualTo(403);
    assertThat(rest.postJson("/engine-rest/job/" + reminder.getId() + "/execute", auditorBasic, "{}").statusCode())
        .as("execute job").isEqualTo(403);
    assertThat(rest.send(rest.request("/engine-rest" + pi + "/suspended", auditorBasic)
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"suspended\":true}")).build())
        .statusCode()).as("suspend").isEqualTo(403);
    assertThat(rest.postJson("/engine-rest" + pi + "/modification", auditorBasic,
        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_ReviewCase\"}]}").statusCode())
        .as("cancel activity").isEqualTo(403);
    assertThat(rest.delete("/engine-rest" + pi, auditorBasic).statusCode()).as("cancel case").isEqualTo(403);
    assertThat(rest.delete("/engine-rest/history/process-instance/" + closedInstanceId, auditorBasic).statusCode())
        .as("delete history").isEqualTo(403);
    assertThat(rest.postJson("/engine-rest/task/" + task.getId() + "/complete", auditorBasic, "{}").statusCode())
        .as("complete task").isEqualTo(403);

    WebappSession cockpit = auditor();
    String engineApi = "/camunda/api/engine/engine/default";
    assertThat(cockpit.get(engineApi + pi).statusCode()).isEqualTo(200);
    assertThat(cockpit.send("PUT", engineApi + "/job/" + reminder.getId() + "/retries", "application/json",
        "{\"retries\":3}").statusCode()).as("Cockpit retry").isEqualTo(403);
    assertThat(cockpit.send("PUT", engineApi + pi + "/variables/priority", "application/json",
        "{\"value\":\"P9\",\"type\":\"String\"}").statusCode()).as("Cockpit variable edit").isEqualTo(403);
    assertThat(cockpit.send("PUT", engineApi + pi + "/suspended", "application/json",
        "{\"suspended\":true}").statusCode()).as("Cockpit suspend").isEqualTo(403);
    assertThat(cockpit.send("DELETE", engineApi + pi, null, null).statusCode()).as("Cockpit cancel").isEqualTo(403);
    assertThat(cockpit.send("DELETE", engineApi + "/history/process-instance/" + closedInstanceId, null, null)
        .statusCode()).as("Cockpit delete history").isEqualTo(403);

    assertThat(engine.getRuntimeService().getVariable(runningInstanceId, "priority")).isEqualTo("P3");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(closedInstanceId)
        .count()).isEqualTo(1);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(runningInstanceId)
        .active().count()).isEqualTo(1);
  }

  @Test
  void othersCannotUseTheAuditView() {
    WebappSession tier1 = WebappSession.login(port, "t1.agent", TestUsers.PASSWORD, "tasklist");
    assertThat(tier1.loginStatus()).isEqualTo(200);
    WebappSession owner = WebappSession.login(port, "po.owner", TestUsers.PASSWORD, "cockpit");
    assertThat(owner.loginStatus()).isEqualTo(200);
    for (String path : List.of("/options", "/cases", "/cases/export", "/cases/" + AuditProbeCases.CLOSED,
        "/cases/" + AuditProbeCases.CLOSED + "/path", "/cases/" + AuditProbeCases.CLOSED + "/export")) {
      assertThat(tier1.get(API + path).statusCode()).as("tier1 GET " + path).isEqualTo(403);
      assertThat(owner.get(API + path).statusCode()).as("process owner GET " + path).isEqualTo(403);
      assertThat(WebappSession.anonymous(port).get(API + path).statusCode()).as("anonymous GET " + path).isEqualTo(401);
    }
    assertThat(WebappSession.login(port, "t1.agent", TestUsers.PASSWORD, "cockpit").loginStatus()).isNotEqualTo(200);
  }

  @Test
  void pluginScriptIsServedFromTheApplication() {
    HttpResponse<String> script = WebappSession.anonymous(port)
        .get("/camunda/api/cockpit/plugin/case-audit/static/app/plugin.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("cockpit.route").contains("cockpit.navigation").contains("cockpit.dashboard");
  }

  static JsonNode find(JsonNode timeline, String kind, String title) {
    for (JsonNode entry : timeline) {
      if (kind.equals(entry.get("kind").asText()) && title.equals(entry.get("title").asText())) {
        return entry;
      }
    }
    List<String> seen = new ArrayList<>();
    timeline.forEach(entry -> seen.add(entry.get("kind").asText() + " | " + entry.get("title").asText()));
    throw new AssertionError("No " + kind + " entry '" + title + "' in " + String.join("\n", seen));
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
