package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ParallelGatewayBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every group (and anonymous) against every door and permission the application uses, one test per
 * cell. The expected outcomes are the intended policy, written down here from
 * {@link AccessPolicy}, {@link TasklistFilters}' queue table and the README's "Security by default",
 * never read back from the running system: a failing cell is a disagreement between policy and
 * implementation.
 *
 * <p>Outcomes: {@code ALLOWED} (2xx, or the probe is in the list), {@code DENIED} (403, or 404 /
 * missing from the list where the engine hides what a user may not read), {@code LOGIN} (401).
 * Every cell works on fresh probe data (its own task, instance, deployment or id), so cells do not
 * depend on each other's order. Only correct passwords are sent: a wrong one would throttle the user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:authorization-matrix;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class AuthorizationMatrixTest {

  enum Outcome { ALLOWED, DENIED, LOGIN }

  static final String ANONYMOUS = "anonymous";
  static final String PASSWORD = TestUsers.PASSWORD;
  static final String PROBE = "AuthorizationMatrixProbe";
  static final String DEPLOY_PROBE = "AuthorizationMatrixDeployProbe";
  static final String ORGANISATION = "org-authorization-matrix";

  /** Every group of the application, then anonymous: the matrix's rows. */
  static final List<String> ACTORS = List.of(Groups.TIER1, Groups.TIER2, Groups.ENGINEERING, Groups.QA,
      Groups.NETWORK_OPERATIONS, Groups.DATABASE_ADMINISTRATORS, Groups.PRODUCT_MANAGEMENT,
      Groups.TIER1_LEADS, Groups.TIER2_LEADS, Groups.ENGINEERING_LEADS, Groups.PROCESS_OWNERS,
      Groups.AUDITORS, Groups.OPERATORS, Groups.CUSTOMERS, Groups.CAMUNDA_ADMIN, ANONYMOUS);

  static final List<String> AGENTS = Groups.AGENT_GROUPS;
  static final String ADMIN = Groups.CAMUNDA_ADMIN;

  /**
   * The policy as data: an action, and who is allowed it. Everyone else is DENIED; anonymous gets
   * {@code anonymous} (no anonymous cell when null). {@code allowed} null: an anonymous-only row.
   */
  record Row(String action, Set<String> allowed, Outcome anonymous, Probe probe) {}

  @FunctionalInterface
  interface Probe {
    Outcome observe(AuthorizationMatrixTest test, String actor);
  }

  static Set<String> groups(List<String> first, String... more) {
    Set<String> all = new LinkedHashSet<>(first);
    all.addAll(List.of(more));
    return all;
  }

  static Set<String> groups(String... ids) {
    return new LinkedHashSet<>(List.of(ids));
  }

  /** Tasklist queues and who sees each (README "Security by default"; administrators see all). */
  static final Map<String, Set<String>> QUEUES = Map.of(
      TasklistFilters.MY_TASKS, groups(AGENTS, ADMIN),
      TasklistFilters.TIER1_QUEUE, groups(Groups.TIER1, ADMIN),
      TasklistFilters.TIER2_QUEUE, groups(Groups.TIER2, ADMIN),
      TasklistFilters.ENGINEERING_QUEUE, groups(Groups.ENGINEERING, ADMIN),
      TasklistFilters.QA_QUEUE, groups(Groups.QA, ADMIN),
      TasklistFilters.PRODUCT_QUEUE, groups(Groups.PRODUCT_MANAGEMENT, ADMIN),
      TasklistFilters.LEADS_QUEUE, groups(Groups.TIER1_LEADS, Groups.TIER2_LEADS, Groups.ENGINEERING_LEADS, ADMIN),
      TasklistFilters.OTHER_TEAMS_QUEUE, groups(Groups.NETWORK_OPERATIONS, Groups.DATABASE_ADMINISTRATORS, ADMIN));

  static List<Row> policy() {
    List<Row> rows = new ArrayList<>();
    for (String candidates : AGENTS) {
      // the engine grants a task to its candidate groups; auditors read all tasks, process owners
      // read tasks (READ_TASK on every definition); administrators may do anything
      rows.add(new Row("engine-rest: read task of " + candidates,
          groups(candidates, Groups.AUDITORS, Groups.PROCESS_OWNERS, ADMIN), Outcome.LOGIN,
          (t, actor) -> t.status(t.http.get("/engine-rest/task/" + t.probeTask(candidates), t.auth(actor)))));
      rows.add(new Row("engine-rest: claim task of " + candidates, groups(candidates, ADMIN), Outcome.LOGIN,
          (t, actor) -> t.status(t.http.postJson("/engine-rest/task/" + t.probeTask(candidates) + "/claim",
              t.auth(actor), "{\"userId\":\"" + userOf(actor) + "\"}"))));
      rows.add(new Row("engine-rest: complete task of " + candidates, groups(candidates, ADMIN), Outcome.LOGIN,
          (t, actor) -> t.status(t.http.postJson("/engine-rest/task/" + t.probeTask(candidates) + "/complete",
              t.auth(actor), "{}"))));
    }
    rows.add(new Row("engine-rest: read process definition SupportCaseProcess",
        groups(AGENTS, Groups.AUDITORS, Groups.PROCESS_OWNERS, ADMIN), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.get("/engine-rest/process-definition/key/" + CaseVariables.PROCESS_ID, t.auth(actor)))));
    rows.add(new Row("engine-rest: start SupportCaseProcess", groups(Groups.TIER1, ADMIN), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.postJson("/engine-rest/process-definition/key/" + CaseVariables.PROCESS_ID + "/start",
            t.auth(actor), "{\"variables\":{"
                + "\"" + CaseVariables.SUMMARY + "\":{\"value\":\"Matrix probe case\",\"type\":\"String\"},"
                + "\"" + CaseVariables.DESCRIPTION + "\":{\"value\":\"Opened by " + actor + "\",\"type\":\"String\"}}}"))));
    rows.add(new Row("engine-rest: create deployment", groups(Groups.PROCESS_OWNERS, ADMIN), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.postMultipart("/engine-rest/deployment/create", t.auth(actor),
            new Http.Multipart().field("deployment-name", "matrix " + actor)
                .file("data", DEPLOY_PROBE + ".bpmn", deployProbe())))));
    rows.add(new Row("engine-rest: delete deployment", groups(ADMIN), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.delete("/engine-rest/deployment/" + t.probeDeployment(), t.auth(actor)))));
    rows.add(new Row("engine-rest: read process instance history",
        groups(Groups.AUDITORS, Groups.PROCESS_OWNERS, ADMIN), Outcome.LOGIN,
        (t, actor) -> {
          String instance = t.probeInstance();
          return t.listed(t.http.get("/engine-rest/history/process-instance?processInstanceId=" + instance, t.auth(actor)), instance);
        }));
    rows.add(new Row("engine-rest: create user", groups(ADMIN), Outcome.LOGIN,
        (t, actor) -> {
          String id = t.fresh("mx-user");
          return t.status(t.http.postJson("/engine-rest/user/create", t.auth(actor),
              "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"New\",\"lastName\":\"User\",\"email\":\"" + id
                  + "@example.com\"},\"credentials\":{\"password\":\"" + PASSWORD + "\"}}"));
        }));
    rows.add(new Row("engine-rest: create group", groups(ADMIN), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.postJson("/engine-rest/group/create", t.auth(actor),
            "{\"id\":\"" + t.fresh("mx-group") + "\",\"name\":\"New group\",\"type\":\"WORKFLOW\"}"))));
    rows.add(new Row("engine-rest: create authorization", groups(ADMIN), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.postJson("/engine-rest/authorization/create", t.auth(actor),
            "{\"type\":1,\"permissions\":[\"READ\"],\"userId\":\"" + t.fresh("mx-grantee") + "\",\"groupId\":null,"
                + "\"resourceType\":" + Resources.FILTER.resourceType() + ",\"resourceId\":\"*\"}"))));
    QUEUES.forEach((queue, visibleTo) -> rows.add(new Row("engine-rest: filter list shows " + queue, visibleTo,
        Outcome.LOGIN, (t, actor) -> t.filterListed(actor, queue))));
    rows.add(new Row("webapp: log into Tasklist", groups(AGENTS, ADMIN), null, (t, actor) -> t.login(actor, "tasklist")));
    rows.add(new Row("webapp: log into Cockpit", groups(Groups.AUDITORS, Groups.PROCESS_OWNERS, ADMIN), null,
        (t, actor) -> t.login(actor, "cockpit")));
    rows.add(new Row("webapp: log into Admin", groups(ADMIN), null, (t, actor) -> t.login(actor, "admin")));
    rows.add(new Row("webapps: engine API without a session", null, Outcome.LOGIN,
        (t, actor) -> t.status(t.http.get("/camunda/api/engine/engine/default/task/count", null))));
    rows.add(new Row("customer API: list own cases", groups(Groups.CUSTOMERS), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.get("/api/cases", t.auth(actor)))));
    rows.add(new Row("actuator: read metrics", groups(Groups.OPERATORS, ADMIN), Outcome.LOGIN,
        (t, actor) -> t.status(t.http.get("/actuator/metrics", t.auth(actor)))));
    rows.add(new Row("actuator: health", groups(ACTORS), Outcome.ALLOWED,
        (t, actor) -> t.status(t.http.get("/actuator/health", t.auth(actor)))));
    rows.add(new Row("actuator: env and beans (not exposed)", groups(), Outcome.DENIED,
        (t, actor) -> {
          Outcome env = t.status(t.http.get("/actuator/env", t.auth(actor)));
          Outcome beans = t.status(t.http.get("/actuator/beans", t.auth(actor)));
          return env == beans ? env : Outcome.ALLOWED;
        }));
    return rows;
  }

  /** The cell's expected outcome from its row; null: no such cell (see {@link Row}). */
  static Outcome expected(Row row, String actor) {
    if (ANONYMOUS.equals(actor)) {
      return row.anonymous();
    }
    if (row.allowed() == null) {
      return null;
    }
    return row.allowed().contains(actor) ? Outcome.ALLOWED : Outcome.DENIED;
  }

  static final AtomicInteger CHECKED = new AtomicInteger();
  static final AtomicInteger PASSED = new AtomicInteger();
  static final List<String> DISAGREEMENTS = new CopyOnWriteArrayList<>();
  static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  static String userOf(String group) {
    return "mx." + group;
  }

  @BeforeEach
  void oneUserPerGroupAndTheProbes() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORGANISATION, "Matrix Organisation");
    for (String actor : ACTORS) {
      if (actor.equals(Groups.CUSTOMERS)) {
        CustomerFixtures.customer(identity, userOf(actor), ORGANISATION);
      } else if (!actor.equals(ANONYMOUS)) {
        TestUsers.ensure(identity, userOf(actor), actor);
      }
    }
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROBE).count() == 0) {
      engine.getRepositoryService().createDeployment().name("authorization-matrix-probe")
          .addModelInstance(PROBE + ".bpmn", probe()).deploy();
    }
  }

  /** One user task per agent group, each behind its own branch; a cell starts just the task it needs. */
  static BpmnModelInstance probe() {
    ParallelGatewayBuilder split = Bpmn.createExecutableProcess(PROBE).name("Authorization matrix probe")
        .camundaHistoryTimeToLive(1).startEvent("StartEvent_Probe").parallelGateway("Gateway_Probe");
    var builder = split.userTask(taskId(AGENTS.get(0))).name("Probe " + AGENTS.get(0))
        .camundaCandidateGroups(AGENTS.get(0)).endEvent("EndEvent_" + AGENTS.get(0));
    for (String group : AGENTS.subList(1, AGENTS.size())) {
      builder = builder.moveToNode("Gateway_Probe").userTask(taskId(group)).name("Probe " + group)
          .camundaCandidateGroups(group).endEvent("EndEvent_" + group);
    }
    return builder.done();
  }

  static String taskId(String group) {
    return "Task_Probe_" + group;
  }

  static byte[] deployProbe() {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(DEPLOY_PROBE).name("Deploy probe")
        .camundaHistoryTimeToLive(1).startEvent().endEvent().done()).getBytes(StandardCharsets.UTF_8);
  }

  String probeTask(String candidateGroup) {
    String instance = engine.getRuntimeService().createProcessInstanceByKey(PROBE)
        .startBeforeActivity(taskId(candidateGroup)).execute().getId();
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(taskId(candidateGroup));
    return task.getId();
  }

  String probeInstance() {
    return engine.getRuntimeService().createProcessInstanceByKey(PROBE)
        .startBeforeActivity(taskId(Groups.TIER1)).execute().getId();
  }

  String probeDeployment() {
    return engine.getRepositoryService().createDeployment().name("matrix delete probe")
        .addString(DEPLOY_PROBE + ".bpmn", new String(deployProbe(), StandardCharsets.UTF_8)).deploy().getId();
  }

  String fresh(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet();
  }

  String auth(String actor) {
    return ANONYMOUS.equals(actor) ? null : Http.basic(userOf(actor), PASSWORD);
  }

  Outcome status(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 401) {
      return Outcome.LOGIN;
    }
    if (status >= 200 && status < 300) {
      return Outcome.ALLOWED;
    }
    if (status == 403 || status == 404) {
      return Outcome.DENIED;
    }
    throw new AssertionError("neither allowed nor refused: " + status + " " + response.body());
  }

  /** ALLOWED when the list answered contains the probe, DENIED when the engine hid it. */
  Outcome listed(HttpResponse<String> response, String id) {
    Outcome outcome = status(response);
    if (outcome != Outcome.ALLOWED) {
      return outcome;
    }
    return response.body().contains("\"" + id + "\"") ? Outcome.ALLOWED : Outcome.DENIED;
  }

  Outcome filterListed(String actor, String queue) {
    HttpResponse<String> response = http.get("/engine-rest/filter", auth(actor));
    Outcome outcome = status(response);
    if (outcome != Outcome.ALLOWED) {
      return outcome;
    }
    try {
      List<String> names = new ArrayList<>();
      json.readTree(response.body()).forEach(filter -> names.add(filter.get("name").asText()));
      return names.contains(queue) ? Outcome.ALLOWED : Outcome.DENIED;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Outcome login(String actor, String app) {
    int status = http.webappLogin(userOf(actor), PASSWORD, app);
    return status == 200 ? Outcome.ALLOWED : status == 401 || status == 403 ? Outcome.DENIED
        : fail("login to " + app + " answered " + status);
  }

  static Outcome fail(String message) {
    throw new AssertionError(message);
  }

  @TestFactory
  Stream<DynamicNode> everyGroupAgainstEveryDoor() {
    return policy().stream().map(row -> DynamicContainer.dynamicContainer(row.action(), ACTORS.stream()
        .filter(actor -> expected(row, actor) != null)
        .map(actor -> DynamicTest.dynamicTest(actor + " -> " + expected(row, actor), () -> check(row, actor)))));
  }

  void check(Row row, String actor) {
    CHECKED.incrementAndGet();
    Outcome expected = expected(row, actor);
    Outcome observed;
    try {
      observed = row.probe().observe(this, actor);
    } catch (AssertionError | RuntimeException e) {
      DISAGREEMENTS.add(row.action() + " | " + actor + " | expected " + expected + " | " + e.getMessage());
      throw e;
    }
    if (observed != expected) {
      DISAGREEMENTS.add(row.action() + " | " + actor + " | expected " + expected + " | observed " + observed);
    }
    assertThat(observed).as("%s as %s", row.action(), actor).isEqualTo(expected);
    PASSED.incrementAndGet();
  }

  @AfterAll
  static void summary() {
    System.out.println("authorization matrix: " + CHECKED.get() + " cells checked, " + PASSED.get() + " passed");
    DISAGREEMENTS.forEach(line -> System.out.println("authorization matrix disagreement: " + line));
  }
}
