package dev.supportdesk.escalation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Tier 1 lead gives a case another owner through "Reassign case owner", the start form Tasklist
 * offers (the same /engine-rest call Tasklist makes): the case and the tasks its previous owner held
 * move, the move stays in the case's history, and nobody else may do it; bad input is a 400 naming
 * the field and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:case-owner-reassignment;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class CaseOwnerReassignmentIntegrationTest {

  static final String START = "/engine-rest/process-definition/key/" + ReassignCaseOwnerDelegate.PROCESS_ID + "/submit-form";
  static final String LEAD = "lea.lead";
  static final String FIRST = "fred.first";
  static final String NEXT = "nora.next";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  Http http;

  @BeforeEach
  void agents() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    TestUsers.ensure(identity, LEAD, Groups.TIER1_LEADS, Groups.TIER1);
    TestUsers.ensure(identity, FIRST, Groups.TIER1);
    TestUsers.ensure(identity, NEXT, Groups.TIER1);
    TestUsers.ensure(identity, "quinn.qa", Groups.QA);
  }

  @Test
  void aLeadMovesTheCaseAndTheTasksItsOwnerHeldAndTheMoveIsInTheCasesHistory() throws Exception {
    Task task = openCase("CASE-2026-RA1000");
    engine.getTaskService().claim(task.getId(), FIRST);

    HttpResponse<String> started = http.postJson(START, Http.basic(LEAD, TestUsers.PASSWORD),
        form("CASE-2026-RA1000", NEXT, "Fred is on leave for two weeks"));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CaseVariables.CASE_OWNER)).isEqualTo(NEXT);
    Task moved = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(moved.getAssignee()).as("the task Fred held goes with the case").isEqualTo(NEXT);
    assertThat(engine.getTaskService().getVariableLocal(task.getId(), QueueVariables.OWNER)).isEqualTo(NEXT);
    HistoricProcessInstance move = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(ReassignCaseOwnerDelegate.PROCESS_ID).processInstanceBusinessKey("CASE-2026-RA1000")
        .singleResult();
    assertThat(move.getStartUserId()).isEqualTo(LEAD);
    assertThat(move.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(move.getId())
        .variableName(ReassignCaseOwnerDelegate.PREVIOUS_OWNER).singleResult().getValue()).isEqualTo(FIRST);
  }

  @Test
  void badInputIsRefusedWithTheReasonAndChangesNothing() throws Exception {
    Task task = openCase("CASE-2026-RA2000");
    engine.getTaskService().claim(task.getId(), FIRST);
    String lead = Http.basic(LEAD, TestUsers.PASSWORD);

    HttpResponse<String> notTier1 = http.postJson(START, lead, form("CASE-2026-RA2000", "quinn.qa", "QA knows this one best"));
    HttpResponse<String> noCase = http.postJson(START, lead, form("CASE-2026-RA9999", NEXT, "Fred is on leave for two weeks"));
    HttpResponse<String> garbage = http.postJson(START, lead, form("CASE-12", "not an id!", "short"));

    assertRefused(notTier1, "newCaseOwner must be a Tier 1 agent");
    assertRefused(noCase, "caseReference names no open case");
    assertRefused(garbage, "caseReference must be a case reference", "newCaseOwner must be a user id",
        "reassignmentReason must have 10 to");
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CaseVariables.CASE_OWNER)).isEqualTo(FIRST);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(ReassignCaseOwnerDelegate.PROCESS_ID).count()).as("no half-done moves").isZero();
  }

  @Test
  void onlyTier1LeadsMayReassign() throws Exception {
    Task task = openCase("CASE-2026-RA3000");
    engine.getTaskService().claim(task.getId(), FIRST);

    HttpResponse<String> byAgent = http.postJson(START, Http.basic(FIRST, TestUsers.PASSWORD),
        form("CASE-2026-RA3000", NEXT, "I would rather not work this one"));

    assertThat(byAgent.statusCode()).as(byAgent.body()).isEqualTo(403);
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CaseVariables.CASE_OWNER)).isEqualTo(FIRST);
  }

  private void assertRefused(HttpResponse<String> response, String... reasons) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    assertThat(json.readTree(response.body()).get("message").asText()).contains(reasons);
  }

  private String form(String reference, String owner, String reason) {
    ObjectNode body = json.createObjectNode();
    ObjectNode variables = body.putObject("variables");
    variables.putObject(ReassignCaseOwnerDelegate.CASE_REFERENCE).put("value", reference).put("type", "String");
    variables.putObject(ReassignCaseOwnerDelegate.NEW_OWNER).put("value", owner).put("type", "String");
    variables.putObject(ReassignCaseOwnerDelegate.REASON).put("value", reason).put("type", "String");
    return body.toString();
  }

  private Task openCase(String reference) {
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, "Export to PDF fails", CaseVariables.DESCRIPTION, "Seen since Monday",
        CaseVariables.IMPACT, "MEDIUM", CaseVariables.URGENCY, "MEDIUM"));
    return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER1).singleResult(), t -> t != null);
  }
}
