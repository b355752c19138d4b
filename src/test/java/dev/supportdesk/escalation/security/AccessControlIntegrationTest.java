package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Secure by default, through the same doors real users take: /engine-rest with HTTP Basic and the
 * webapps' login. Probe processes with one Tier 1 and one Tier 2 task keep this test independent of
 * how the escalation diagrams evolve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:access-control;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class AccessControlIntegrationTest {

  static final String PROBE = "AccessProbeProcess";
  static final String PASSWORD = TestUsers.PASSWORD;

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void usersAndProbeTasks() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    TestUsers.ensure(identity, "t1.agent", Groups.TIER1);
    TestUsers.ensure(identity, "t2.agent", Groups.TIER2);
    TestUsers.ensure(identity, "eng.agent", Groups.ENGINEERING);
    TestUsers.ensure(identity, "the.auditor", Groups.AUDITORS);
    TestUsers.ensure(identity, "the.owner", Groups.PROCESS_OWNERS);
    TestUsers.ensure(identity, "a.customer", Groups.CUSTOMERS);
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROBE).count() == 0) {
      engine.getRepositoryService().createDeployment().name("probe")
          .addModelInstance(PROBE + ".bpmn", probe("first version")).deploy();
    }
  }

  static BpmnModelInstance probe(String label) {
    return Bpmn.createExecutableProcess(PROBE).name(label).camundaHistoryTimeToLive(1)
        .startEvent()
        .parallelGateway("Gateway_Split")
        .userTask("Task_Tier1Probe").name("Tier 1 probe").camundaCandidateGroups(Groups.TIER1)
        .endEvent("EndEvent_Tier1")
        .moveToNode("Gateway_Split")
        .userTask("Task_Tier2Probe").name("Tier 2 probe").camundaCandidateGroups(Groups.TIER2)
        .endEvent("EndEvent_Tier2")
        .done();
  }

  ProcessInstance startProbe() {
    return engine.getRuntimeService().startProcessInstanceByKey(PROBE, "CASE-2026-PROBE1");
  }

  Task probeTask(ProcessInstance instance, String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).singleResult();
  }

  List<String> taskIdsVisibleTo(String user) throws Exception {
    HttpResponse<String> response = http.get("/engine-rest/task?processDefinitionKey=" + PROBE, Http.basic(user, PASSWORD));
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json.readTree(response.body()).forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  @Test
  void anonymousCallsToEngineRestAreRejected() {
    assertThat(http.get("/engine-rest/task", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/deployment", null).statusCode()).isEqualTo(401);
  }

  @Test
  void wrongPasswordIsRejected() {
    // a user of its own: failed logins delay that user's next login (the engine's throttling)
    TestUsers.ensure(engine.getIdentityService(), "mistyping.agent", Groups.TIER1);
    assertThat(http.get("/engine-rest/task", Http.basic("mistyping.agent", "Wrong-Passw0rd!")).statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", Http.basic("nobody.here", PASSWORD)).statusCode()).isEqualTo(401);
  }

  @Test
  void tier1AgentSeesAndWorksTier1TasksButNotTier2Tasks() throws Exception {
    ProcessInstance instance = startProbe();
    Task tier1 = probeTask(instance, "Task_Tier1Probe");
    Task tier2 = probeTask(instance, "Task_Tier2Probe");

    assertThat(taskIdsVisibleTo("t1.agent")).contains(tier1.getId()).doesNotContain(tier2.getId());
    assertThat(taskIdsVisibleTo("t2.agent")).contains(tier2.getId()).doesNotContain(tier1.getId());
    assertThat(taskIdsVisibleTo("eng.agent")).doesNotContain(tier1.getId(), tier2.getId());

    String t1 = Http.basic("t1.agent", PASSWORD);
    assertThat(http.postJson("/engine-rest/task/" + tier2.getId() + "/complete", t1, "{}").statusCode())
        .isIn(403, 404);
    assertThat(http.postJson("/engine-rest/task/" + tier1.getId() + "/complete", Http.basic("eng.agent", PASSWORD), "{}")
        .statusCode()).isIn(403, 404);
    assertThat(engine.getTaskService().createTaskQuery().taskId(tier2.getId()).count()).isEqualTo(1);

    assertThat(http.postJson("/engine-rest/task/" + tier1.getId() + "/claim", t1, "{\"userId\":\"t1.agent\"}")
        .statusCode()).isEqualTo(204);
    assertThat(http.postJson("/engine-rest/task/" + tier1.getId() + "/complete", t1, "{}").statusCode()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(tier1.getId()).count()).isZero();
  }

  @Test
  void auditorReadsEverythingAndChangesNothing() throws Exception {
    ProcessInstance instance = startProbe();
    Task tier1 = probeTask(instance, "Task_Tier1Probe");
    String auditor = Http.basic("the.auditor", PASSWORD);

    assertThat(taskIdsVisibleTo("the.auditor")).contains(tier1.getId());
    assertThat(http.get("/engine-rest/history/process-instance?processInstanceId=" + instance.getId(), auditor)
        .body()).contains(instance.getId());

    assertThat(http.postJson("/engine-rest/task/" + tier1.getId() + "/complete", auditor, "{}").statusCode()).isEqualTo(403);
    assertThat(http.postJson("/engine-rest/task/" + tier1.getId() + "/claim", auditor, "{\"userId\":\"the.auditor\"}")
        .statusCode()).isEqualTo(403);
    // the engine refuses to delete a process's task for anyone; what matters is that nothing changed
    assertThat(http.delete("/engine-rest/task/" + tier1.getId(), auditor).statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(http.delete("/engine-rest/process-instance/" + instance.getId(), auditor).statusCode()).isEqualTo(403);
    String deploymentId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROBE)
        .latestVersion().singleResult().getDeploymentId();
    assertThat(http.delete("/engine-rest/deployment/" + deploymentId + "?cascade=true", auditor).statusCode()).isEqualTo(403);
    assertThat(http.delete("/engine-rest/history/process-instance/" + instance.getId(), auditor).statusCode()).isEqualTo(403);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().taskId(tier1.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void processOwnerDeploysAChangedDiagramAndRunningCasesKeepTheirVersion() throws Exception {
    ProcessInstance running = startProbe();
    String before = running.getProcessDefinitionId();
    byte[] changed = Bpmn.convertToString(probe("changed by the process owner")).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> asAgent = http.postMultipart("/engine-rest/deployment/create", Http.basic("t1.agent", PASSWORD),
        new Http.Multipart().field("deployment-name", "agent attempt").file("data", PROBE + ".bpmn", changed));
    assertThat(asAgent.statusCode()).isEqualTo(403);

    // what Camunda Modeler's Deploy dialog sends
    HttpResponse<String> asOwner = http.postMultipart("/engine-rest/deployment/create", Http.basic("the.owner", PASSWORD),
        new Http.Multipart().field("deployment-name", "probe change").field("deployment-source", "Camunda Modeler")
            .file("data", PROBE + ".bpmn", changed));
    assertThat(asOwner.statusCode()).as(asOwner.body()).isEqualTo(200);
    JsonNode deployed = json.readTree(asOwner.body());
    ProcessDefinition latest = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(PROBE).latestVersion().singleResult();
    assertThat(latest.getDeploymentId()).isEqualTo(deployed.get("id").asText());
    assertThat(latest.getName()).isEqualTo("changed by the process owner");

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(running.getId())
        .singleResult().getProcessDefinitionId()).isEqualTo(before).isNotEqualTo(latest.getId());
  }

  @Test
  void webappsAdmitOnlyTheirRoles() {
    assertThat(login("t1.agent", "tasklist")).isEqualTo(200);
    assertThat(login("t1.agent", "cockpit")).isNotEqualTo(200);
    assertThat(login("the.auditor", "cockpit")).isEqualTo(200);
    assertThat(login("the.owner", "cockpit")).isEqualTo(200);
    assertThat(login("the.auditor", "admin")).isNotEqualTo(200);
    assertThat(login("a.customer", "tasklist")).isNotEqualTo(200);
    assertThat(login("a.customer", "cockpit")).isNotEqualTo(200);
    assertThat(login("a.customer", "admin")).isNotEqualTo(200);
  }

  int login(String user, String app) {
    return http.webappLogin(user, PASSWORD, app);
  }

  @Test
  void customersHaveNoEngineAccess() {
    String customer = Http.basic("a.customer", PASSWORD);
    assertThat(http.get("/engine-rest/task/count", customer).body()).contains("\"count\":0");
    assertThat(http.get("/engine-rest/process-definition", customer).body()).isEqualTo("[]");
  }

  @Test
  void firstRunSetupCannotCreateAnAdministrator() {
    HttpResponse<String> response = http.postJson("/camunda/api/admin/setup/default/user/create", null,
        "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@example.com\"},"
            + "\"credentials\":{\"password\":\"Intruder-Passw0rd!\"}}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
    assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isPositive();
  }

  @Test
  void taskQueriesCarryingExpressionsNeverReachTheEngine() {
    String admin = Http.basic("the.auditor", PASSWORD);
    HttpResponse<String> viaParameter = http.get("/engine-rest/task?assigneeExpression=%24%7B1%2B1%7D", admin);
    HttpResponse<String> viaOrQuery = http.postJson("/engine-rest/task", admin,
        "{\"orQueries\":[{\"candidateUserExpression\":\"${''.getClass().forName('java.lang.Runtime')}\"}]}");
    HttpResponse<String> viaWebapp = http.postJson("/camunda/api/engine/engine/default/task/count", null,
        "{\"orQueries\":[{\"dueDateExpression\":\"${now()}\"}]}");
    for (HttpResponse<String> response : List.of(viaParameter, viaOrQuery, viaWebapp)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(response.body()).contains("Expression");
    }
    // the same query without an expression still works
    assertThat(http.postJson("/engine-rest/task", admin, "{\"orQueries\":[{\"candidateGroup\":\"tier1\"}]}")
        .statusCode()).isEqualTo(200);
  }

  @Test
  void eachTierSeesItsOwnQueueFilter() throws Exception {
    List<String> tier1 = filterNames("t1.agent");
    List<String> tier2 = filterNames("t2.agent");
    assertThat(tier1).contains(TasklistFilters.TIER1_QUEUE, TasklistFilters.MY_TASKS).doesNotContain(TasklistFilters.TIER2_QUEUE);
    assertThat(tier2).contains(TasklistFilters.TIER2_QUEUE, TasklistFilters.MY_TASKS).doesNotContain(TasklistFilters.TIER1_QUEUE);
    assertThat(filterNames("a.customer")).isEmpty();
  }

  List<String> filterNames(String user) throws Exception {
    List<String> names = new ArrayList<>();
    json.readTree(http.get("/engine-rest/filter", Http.basic(user, PASSWORD)).body())
        .forEach(filter -> names.add(filter.get("name").asText()));
    return names;
  }
}
