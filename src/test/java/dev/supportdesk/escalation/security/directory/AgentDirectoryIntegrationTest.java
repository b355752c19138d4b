package dev.supportdesk.escalation.security.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.TasklistFilters;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.WebappSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agents from a real LDAP server (UnboundID's in-memory directory, listening on a port of its own),
 * customers from the database. Alice is in the directory's "Support Tier 1", Bob in "Support Tier 2",
 * Carol only in "Sales", which maps onto nothing. They log into Tasklist and /engine-rest with their
 * directory passwords and see their tier's tasks only; a customer still uses the customer API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:agent-directory;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "support.agent-directory.enabled=true",
    "support.agent-directory.base-dn=" + AgentDirectoryIntegrationTest.BASE,
    "support.agent-directory.manager-dn=cn=camunda,ou=services," + AgentDirectoryIntegrationTest.BASE,
    "support.agent-directory.manager-password=" + AgentDirectoryIntegrationTest.MANAGER_PASSWORD,
    "support.agent-directory.user-search-base=ou=people",
    "support.agent-directory.group-search-base=ou=groups",
    "support.agent-directory.group-mapping.[Support\\ Tier\\ 1]=tier1",
    "support.agent-directory.group-mapping.[Support\\ Tier\\ 2]=tier2"})
class AgentDirectoryIntegrationTest {

  static final String BASE = "dc=vendor,dc=example";
  static final String MANAGER_PASSWORD = "Directory-Manager-7?";
  static final String ALICE_PASSWORD = "Alice-in-LDAP-1!";
  static final String BOB_PASSWORD = "Bob-in-LDAP-2!";
  static final String CAROL_PASSWORD = "Carol-in-LDAP-3!";
  static final String PROBE = "AgentDirectoryProbe";
  static final String ORGANISATION = "org-directory-test";

  static InMemoryDirectoryServer directory;

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void directoryUrl(DynamicPropertyRegistry registry) throws LDAPException, LDIFException {
    if (directory == null) {
      directory = startDirectory();
    }
    registry.add("support.agent-directory.url", () -> "ldap://localhost:" + directory.getListenPort());
  }

  static InMemoryDirectoryServer startDirectory() throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: vendor");
    for (String unit : List.of("people", "groups", "services")) {
      server.add("dn: ou=" + unit + "," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: " + unit);
    }
    server.add("dn: cn=camunda,ou=services," + BASE, "objectClass: top", "objectClass: person", "cn: camunda",
        "sn: Service", "userPassword: " + MANAGER_PASSWORD);
    person(server, "alice", "Alice", "Agent", ALICE_PASSWORD);
    person(server, "bob", "Bob", "Builder", BOB_PASSWORD);
    person(server, "carol", "Carol", "Seller", CAROL_PASSWORD);
    group(server, "Support Tier 1", "alice");
    group(server, "Support Tier 2", "bob");
    group(server, "Sales", "carol", "alice");
    server.startListening();
    return server;
  }

  static void person(InMemoryDirectoryServer server, String uid, String first, String last, String password)
      throws LDAPException, LDIFException {
    server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: top", "objectClass: person",
        "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + first + " " + last,
        "givenName: " + first, "sn: " + last, "mail: " + uid + "@vendor.example", "userPassword: " + password);
  }

  static void group(InMemoryDirectoryServer server, String name, String... members) throws LDAPException, LDIFException {
    List<String> lines = new ArrayList<>(List.of("dn: cn=" + name + ",ou=groups," + BASE, "objectClass: top",
        "objectClass: groupOfNames", "cn: " + name));
    for (String member : members) {
      lines.add("member: uid=" + member + ",ou=people," + BASE);
    }
    server.add(lines.toArray(String[]::new));
  }

  @AfterAll
  static void stopDirectory() {
    if (directory != null) {
      directory.shutDown(true);
      directory = null;
    }
  }

  @BeforeEach
  void probeAndCustomer() {
    http = new Http(port);
    IdentityService identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORGANISATION, "Directory Test Ltd");
    CustomerFixtures.customer(identity, "dora.customer", ORGANISATION);
    TestUsers.ensure(identity, "directory.admin", Groups.CAMUNDA_ADMIN);
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROBE).count() == 0) {
      engine.getRepositoryService().createDeployment().name("directory-probe")
          .addModelInstance(PROBE + ".bpmn", probe()).deploy();
    }
  }

  static BpmnModelInstance probe() {
    return Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
        .startEvent()
        .parallelGateway("Gateway_Split")
        .userTask("Task_Tier1Probe").name("Tier 1 probe").camundaCandidateGroups(Groups.TIER1)
        .endEvent("EndEvent_Tier1")
        .moveToNode("Gateway_Split")
        .userTask("Task_Tier2Probe").name("Tier 2 probe").camundaCandidateGroups(Groups.TIER2)
        .endEvent("EndEvent_Tier2")
        .done();
  }

  List<String> ids(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json.readTree(response.body()).forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  @Test
  void directoryAgentsWorkTheirTiersQueueInTasklistAndTheEngineApi() throws Exception {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(PROBE, "CASE-2026-LDAP01");
    Task tier1 = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_Tier1Probe").singleResult();
    Task tier2 = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_Tier2Probe").singleResult();
    String probeTasks = "/engine-rest/task?processDefinitionKey=" + PROBE;

    // the engine API, HTTP Basic with the directory password
    assertThat(ids(http.get(probeTasks, Http.basic("alice", ALICE_PASSWORD)))).containsExactly(tier1.getId());
    assertThat(ids(http.get(probeTasks, Http.basic("bob", BOB_PASSWORD)))).containsExactly(tier2.getId());
    assertThat(ids(http.get(probeTasks, Http.basic("carol", CAROL_PASSWORD)))).isEmpty();
    assertThat(http.get(probeTasks, Http.basic("alice", BOB_PASSWORD)).statusCode()).isEqualTo(401);
    assertThat(http.get(probeTasks, Http.basic("alice", "")).statusCode()).isEqualTo(401);
    assertThat(http.get(probeTasks, Http.basic("nobody", ALICE_PASSWORD)).statusCode()).isEqualTo(401);

    // Tasklist: the webapps' login, then the queue through the webapps' engine API
    WebappSession tasklist = WebappSession.login(port, "alice", ALICE_PASSWORD, "tasklist");
    assertThat(tasklist.loginStatus()).isEqualTo(200);
    JsonNode who = json.readTree(tasklist.get("/camunda/api/admin/auth/user/default").body());
    assertThat(who.path("userId").asText()).isEqualTo("alice");
    assertThat(who.path("authorizedApps").toString()).contains("tasklist");
    assertThat(ids(tasklist.get("/camunda/api/engine/engine/default/task?processDefinitionKey=" + PROBE)))
        .containsExactly(tier1.getId());
    // the sidebar: her tier's queue (and "My tasks"), not Tier 2's; the queue lists the Tier 1 task
    Map<String, String> filters = new HashMap<>();
    json.readTree(tasklist.get("/camunda/api/engine/engine/default/filter?resourceType=Task").body())
        .forEach(f -> filters.put(f.get("name").asText(), f.get("id").asText()));
    assertThat(filters).containsKeys(TasklistFilters.TIER1_QUEUE, TasklistFilters.MY_TASKS)
        .doesNotContainKey(TasklistFilters.TIER2_QUEUE);
    assertThat(ids(tasklist.send("POST", "/camunda/api/engine/engine/default/filter/"
        + filters.get(TasklistFilters.TIER1_QUEUE) + "/list", "application/json", "{}")))
        .contains(tier1.getId()).doesNotContain(tier2.getId());
    assertThat(tasklist.send("POST", "/camunda/api/engine/engine/default/task/" + tier1.getId() + "/claim",
        "application/json", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(204);
    assertThat(tasklist.send("POST", "/camunda/api/engine/engine/default/task/" + tier2.getId() + "/claim",
        "application/json", "{\"userId\":\"alice\"}").statusCode()).isIn(403, 404);
    assertThat(engine.getTaskService().createTaskQuery().taskId(tier1.getId()).singleResult().getAssignee())
        .isEqualTo("alice");

    // a wrong directory password is a refused login; someone in no mapped group has no Tasklist
    assertThat(WebappSession.login(port, "bob", ALICE_PASSWORD, "tasklist").loginStatus()).isEqualTo(401);
    assertThat(WebappSession.login(port, "carol", CAROL_PASSWORD, "tasklist").loginStatus()).isEqualTo(403);
  }

  @Test
  void customersStayInTheApplicationsStore() throws Exception {
    HttpResponse<String> cases = http.get("/api/cases", Http.basic("dora.customer", TestUsers.PASSWORD));
    assertThat(cases.statusCode()).as(cases.body()).isEqualTo(200);
    // directory agents are not customers: the customer API refuses them like anyone else without the role
    assertThat(http.get("/api/cases", Http.basic("alice", ALICE_PASSWORD)).statusCode()).isIn(401, 403);
    // and a customer is not an agent
    assertThat(http.get("/engine-rest/task?processDefinitionKey=" + PROBE,
        Http.basic("dora.customer", TestUsers.PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(engine.getIdentityService().isReadOnly()).isFalse();
  }

  @Test
  void groupsComeFromTheMappingAndUsersFromBothStores() {
    IdentityService identity = engine.getIdentityService();
    assertThat(identity.createGroupQuery().groupMember("alice").list()).extracting(Group::getId)
        .containsExactly(Groups.TIER1);
    assertThat(identity.createGroupQuery().groupMember("alice").groupType("WORKFLOW").count()).isEqualTo(1);
    assertThat(identity.createGroupQuery().groupMember("alice").groupId(Groups.TIER2).count()).isZero();
    assertThat(identity.createGroupQuery().groupMember("carol").count()).isZero();
    assertThat(identity.createGroupQuery().groupMember("dora.customer").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder(Groups.CUSTOMERS, ORGANISATION);

    assertThat(identity.createUserQuery().memberOfGroup(Groups.TIER1).list()).extracting(User::getId)
        .contains("alice").doesNotContain("bob", "carol", "dora.customer");
    assertThat(identity.createUserQuery().memberOfGroup(Groups.CUSTOMERS).list()).extracting(User::getId)
        .contains("dora.customer").doesNotContain("alice", "bob", "carol");
    User alice = identity.createUserQuery().userId("alice").singleResult();
    assertThat(alice.getFirstName()).isEqualTo("Alice");
    assertThat(alice.getEmail()).isEqualTo("alice@vendor.example");

    // one list over both stores: the database's users first, then the directory's, paged across the seam
    List<String> all = identity.createUserQuery().list().stream().map(User::getId).toList();
    assertThat(all).contains("alice", "bob", "carol", "dora.customer", "directory.admin").doesNotHaveDuplicates();
    assertThat(identity.createUserQuery().count()).isEqualTo(all.size());
    List<String> paged = new ArrayList<>();
    for (int first = 0; first < all.size(); first += 2) {
      identity.createUserQuery().listPage(first, 2).forEach(u -> paged.add(u.getId()));
    }
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void adminCannotShadowOrRegroupADirectoryAgent() throws Exception {
    IdentityService identity = engine.getIdentityService();
    assertThatThrownBy(() -> identity.newUser("bob")).isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("company directory");
    assertThatThrownBy(() -> identity.createMembership("alice", Groups.TIER2))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("group-mapping");

    String admin = Http.basic("directory.admin", TestUsers.PASSWORD);
    HttpResponse<String> shadow = http.postJson("/engine-rest/user/create", admin,
        "{\"profile\":{\"id\":\"alice\",\"firstName\":\"Fake\",\"lastName\":\"Alice\",\"email\":\"x@example.com\"},"
            + "\"credentials\":{\"password\":\"Another-Passw0rd!\"}}");
    assertThat(shadow.statusCode()).as(shadow.body()).isEqualTo(409);
    assertThat(shadow.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    HttpResponse<String> regroup = http.put("/engine-rest/group/" + Groups.TIER2 + "/members/alice", admin, "");
    assertThat(regroup.statusCode()).as(regroup.body()).isEqualTo(400);
    assertThat(regroup.body()).contains("company directory");

    // nothing changed: alice still logs in with her directory password and is still in tier 1 only
    assertThat(identity.checkPassword("alice", ALICE_PASSWORD)).isTrue();
    assertThat(identity.checkPassword("alice", "Another-Passw0rd!")).isFalse();
    assertThat(identity.createGroupQuery().groupMember("alice").list()).extracting(Group::getId)
        .containsExactly(Groups.TIER1);
    // a new customer with a login of its own is created as before
    CustomerFixtures.customer(identity, "erin.customer", ORGANISATION);
    assertThat(identity.checkPassword("erin.customer", TestUsers.PASSWORD)).isTrue();
  }
}
