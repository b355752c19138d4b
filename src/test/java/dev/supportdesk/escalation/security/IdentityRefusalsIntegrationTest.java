package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.WebappSession;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator's bad input to users, groups and memberships, through both doors that change them:
 * /engine-rest with HTTP Basic and Admin's engine API (/camunda/api/engine) in a logged-in session. Each
 * refusal is 4xx problem+json naming the reason, never SQL or an engine code, and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:identity-refusals;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class IdentityRefusalsIntegrationTest {

  static final String ADMIN = "refusal.admin";
  static final String WEAK = "weak";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  IdentityService identity;

  /** A door: sends (method, path below the engine, JSON body). */
  interface Door {
    HttpResponse<String> send(String method, String path, String json);
  }

  @BeforeEach
  void administratorAndExistingUser() {
    identity = engine.getIdentityService();
    TestUsers.ensure(identity, ADMIN, Groups.CAMUNDA_ADMIN);
    TestUsers.ensure(identity, "existing.agent", Groups.TIER1);
  }

  Door engineRest() {
    Http http = new Http(port);
    return (method, path, json) -> http.send(http.request("/engine-rest" + path, Http.basic(ADMIN, TestUsers.PASSWORD))
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build());
  }

  Door admin() {
    WebappSession session = WebappSession.login(port, ADMIN, TestUsers.PASSWORD, "admin");
    assertThat(session.loginStatus()).isEqualTo(200);
    // the login starts a new session; its CSRF token comes with the next page, as in the browser
    session.get("/camunda/app/admin/default/");
    return (method, path, json) -> session.send(method, "/camunda/api/engine/engine/default" + path,
        "application/json", json);
  }

  @Test
  void badIdentityInputOverEngineRestIsRefusedWithTheReasonAndStoresNothing() {
    refusesEveryCase(engineRest(), "rest");
  }

  @Test
  void badIdentityInputThroughAdminsEngineApiIsRefusedWithTheReasonAndStoresNothing() {
    refusesEveryCase(admin(), "admin");
  }

  void refusesEveryCase(Door door, String tag) {
    String newUser = "new." + tag;
    String newGroup = "new-" + tag;

    // weak password on create: the user is not created
    refused(door.send("POST", "/user/create", createUser(newUser, WEAK)), 400, "password policy");
    assertThat(identity.createUserQuery().userId(newUser).count()).isZero();

    // weak password on update: the old password still works
    refused(door.send("PUT", "/user/existing.agent/credentials",
        "{\"password\":\"" + WEAK + "\",\"authenticatedUserPassword\":\"" + TestUsers.PASSWORD + "\"}"),
        400, "password policy");
    assertThat(identity.checkPassword("existing.agent", TestUsers.PASSWORD)).isTrue();

    // duplicate user id: the existing user keeps its profile and password
    refused(door.send("POST", "/user/create", createUser("existing.agent", "Another-Passw0rd!")), 409, "already exists");
    assertThat(identity.createUserQuery().userId("existing.agent").singleResult().getLastName()).isEqualTo("Fixture");
    assertThat(identity.checkPassword("existing.agent", TestUsers.PASSWORD)).isTrue();

    // invalid id per the engine's pattern
    refused(door.send("POST", "/user/create", createUser("bad id;" + tag, TestUsers.PASSWORD)), 400,
        "not a valid resource identifier");
    assertThat(identity.createUserQuery().userId("bad id;" + tag).count()).isZero();
    refused(door.send("POST", "/group/create", "{\"id\":\"bad group;" + tag + "\",\"name\":\"x\",\"type\":\"WORKFLOW\"}"),
        400, "not a valid resource identifier");
    assertThat(identity.createGroupQuery().groupId("bad group;" + tag).count()).isZero();

    // duplicate group id: the existing group keeps its name
    String tier1Name = identity.createGroupQuery().groupId(Groups.TIER1).singleResult().getName();
    refused(door.send("POST", "/group/create", "{\"id\":\"" + Groups.TIER1 + "\",\"name\":\"Hijacked\",\"type\":\"WORKFLOW\"}"),
        409, "already exists");
    assertThat(identity.createGroupQuery().groupId(Groups.TIER1).singleResult().getName()).isEqualTo(tier1Name);

    // membership with an unknown user, and with an unknown group
    refused(door.send("PUT", "/group/" + Groups.TIER1 + "/members/nobody." + tag, ""), 404,
        "No user found with id 'nobody." + tag + "'");
    assertThat(identity.createUserQuery().memberOfGroup(Groups.TIER1).userId("nobody." + tag).count()).isZero();
    refused(door.send("PUT", "/group/" + newGroup + "/members/existing.agent", ""), 404,
        "No group found with id '" + newGroup + "'");
    assertThat(identity.createGroupQuery().groupId(newGroup).count()).isZero();
    assertThat(identity.createGroupQuery().groupMember("existing.agent").groupId(newGroup).count()).isZero();

    // a member added twice: still one membership
    refused(door.send("PUT", "/group/" + Groups.TIER1 + "/members/existing.agent", ""), 409, "already a member");
    assertThat(identity.createUserQuery().memberOfGroup(Groups.TIER1).userId("existing.agent").count()).isEqualTo(1);

    // good input still goes through
    assertThat(door.send("POST", "/user/create", createUser(newUser, TestUsers.PASSWORD)).statusCode()).isEqualTo(204);
    assertThat(identity.checkPassword(newUser, TestUsers.PASSWORD)).isTrue();
  }

  static String createUser(String id, String password) {
    return "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"New\",\"lastName\":\"Person\",\"email\":\"new@example.com\"},"
        + "\"credentials\":{\"password\":\"" + password + "\"}}";
  }

  static void refused(HttpResponse<String> response, int status, String reason) {
    String body = response.body();
    System.out.println("REFUSED " + response.request().method() + " " + response.request().uri().getPath() + " -> "
        + response.statusCode() + " " + body);
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(body).containsIgnoringCase(reason).contains("\"status\":" + status)
        .doesNotContain("ENGINE-").doesNotContain("SQL").doesNotContainIgnoringCase("insert into")
        .doesNotContain("Exception:").doesNotContain("\tat ");
  }
}
