package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The kept credential checks of /engine-rest, the customer API and the Actuator never outlive a change:
 * a new password, a removed membership or a deleted user count on the very next request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:credential-cache;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class CredentialCacheIntegrationTest {

  static final String PROBE = "CredentialCacheProbe";
  static final String NEW_PASSWORD = "Brand-New-Passw0rd!";

  @Autowired ProcessEngine engine;
  @Autowired CredentialCache cache;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void probe() {
    http = new Http(port);
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROBE).count() == 0) {
      engine.getRepositoryService().createDeployment().name("credential-cache-probe")
          .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
              .startEvent().userTask("Task_Probe").camundaCandidateGroups(Groups.TIER1).endEvent().done())
          .deploy();
    }
  }

  void changePassword(String userId, String password) {
    IdentityService identity = engine.getIdentityService();
    User user = identity.createUserQuery().userId(userId).singleResult();
    user.setPassword(password);
    identity.saveUser(user);
  }

  List<String> probeTasks(String user, String password) throws Exception {
    var response = http.get("/engine-rest/task?processDefinitionKey=" + PROBE, Http.basic(user, password));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json.readTree(response.body()).forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  @Test
  void engineRestForgetsAChangedPasswordARemovedMembershipAndADeletedUser() throws Exception {
    IdentityService identity = engine.getIdentityService();
    TestUsers.ensure(identity, "cached.agent", Groups.TIER1);
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(PROBE, "CASE-2026-CACHE1");
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    String old = Http.basic("cached.agent", TestUsers.PASSWORD);

    assertThat(probeTasks("cached.agent", TestUsers.PASSWORD)).contains(task);
    assertThat(probeTasks("cached.agent", TestUsers.PASSWORD)).contains(task);
    assertThat(cache.size()).isPositive();

    identity.deleteMembership("cached.agent", Groups.TIER1);
    assertThat(probeTasks("cached.agent", TestUsers.PASSWORD)).doesNotContain(task);
    identity.createMembership("cached.agent", Groups.TIER1);
    assertThat(probeTasks("cached.agent", TestUsers.PASSWORD)).contains(task);

    // (a refused password delays the user's next login: the engine's throttling, kept by the cache)
    changePassword("cached.agent", NEW_PASSWORD);
    assertThat(probeTasks("cached.agent", NEW_PASSWORD)).contains(task);
    assertThat(http.get("/engine-rest/task", old).statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", Http.basic("cached.agent", "Wrong-Passw0rd!")).statusCode()).isEqualTo(401);

    identity.deleteUser("cached.agent");
    assertThat(http.get("/engine-rest/task", Http.basic("cached.agent", NEW_PASSWORD)).statusCode()).isEqualTo(401);
  }

  @Test
  void theCustomerApiAndTheActuatorForgetAChangedPassword() {
    IdentityService identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, "org-credential-cache", "Cache Ltd");
    CustomerFixtures.customer(identity, "cached.customer", "org-credential-cache");
    TestUsers.ensure(identity, "cached.operator", Groups.OPERATORS);

    assertThat(http.get("/api/cases", Http.basic("cached.customer", TestUsers.PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/cases", Http.basic("cached.customer", TestUsers.PASSWORD)).statusCode()).isEqualTo(200);
    // leaving the customers group takes the API away on the next request, coming back gives it back
    identity.deleteMembership("cached.customer", Groups.CUSTOMERS);
    assertThat(http.get("/api/cases", Http.basic("cached.customer", TestUsers.PASSWORD)).statusCode()).isEqualTo(403);
    identity.createMembership("cached.customer", Groups.CUSTOMERS);
    assertThat(http.get("/api/cases", Http.basic("cached.customer", TestUsers.PASSWORD)).statusCode()).isEqualTo(200);
    changePassword("cached.customer", NEW_PASSWORD);
    assertThat(http.get("/api/cases", Http.basic("cached.customer", NEW_PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/cases", Http.basic("cached.customer", TestUsers.PASSWORD)).statusCode()).isEqualTo(401);

    String operator = Http.basic("cached.operator", TestUsers.PASSWORD);
    assertThat(http.get("/actuator/metrics", operator).statusCode()).isEqualTo(200);
    identity.deleteMembership("cached.operator", Groups.OPERATORS);
    assertThat(http.get("/actuator/metrics", operator).statusCode()).isEqualTo(403);
  }
}
