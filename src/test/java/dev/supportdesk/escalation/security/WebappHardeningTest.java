package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hardening switches of the Community Edition that have no other door to test them through: the webapps'
 * CSRF protection, the H2 console, and Java-serialized variables (a classic deserialization gadget path).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:webapp-hardening;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class WebappHardeningTest {

  static final String PROBE = "HardeningProbeProcess";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void agentAndProbe() {
    http = new Http(port);
    TestUsers.ensure(engine.getIdentityService(), "csrf.agent", Groups.TIER1);
    TestUsers.ensure(engine.getIdentityService(), "probe.admin", Groups.CAMUNDA_ADMIN);
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROBE).count() == 0) {
      engine.getRepositoryService().createDeployment().name("hardening-probe")
          .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
              .camundaStartableInTasklist(true).startEvent().userTask().endEvent().done())
          .deploy();
    }
  }

  @Test
  void aWebappLoginWithoutTheCsrfTokenIsRefused() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/")).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(cookies.getCookieStore().getCookies()).anyMatch(cookie -> cookie.getName().equals("XSRF-TOKEN"));

    // a forged cross-site form post carries the session cookie but cannot read the token
    HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=csrf.agent&password=" + TestUsers.PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(forged.statusCode()).isEqualTo(403);
    // the same login with the token goes through: the refusal was the missing token, not the user
    assertThat(http.webappLogin("csrf.agent", TestUsers.PASSWORD, "tasklist")).isEqualTo(200);
  }

  @Test
  void theH2ConsoleIsNotServed() {
    for (String path : new String[] {"/h2-console", "/h2-console/", "/h2-console/login.do"}) {
      HttpResponse<String> response = http.get(path, null);
      assertThat(response.statusCode()).as(path).isIn(401, 403, 404);
      assertThat(response.body()).as(path).doesNotContainIgnoringCase("H2 Console");
    }
  }

  @Test
  void javaSerializedVariablesAreNeitherAcceptedNorDeserialized() throws Exception {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new HashMap<>(java.util.Map.of("gadget", "chain")));
    }
    String payload = "{\"businessKey\":\"CASE-2026-SERIAL\",\"variables\":{\"gadget\":{"
        + "\"value\":\"" + Base64.getEncoder().encodeToString(bytes.toByteArray()) + "\",\"type\":\"Object\","
        + "\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\","
        + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}";

    HttpResponse<String> response = http.postJson("/engine-rest/process-definition/key/" + PROBE + "/start",
        Http.basic("probe.admin", TestUsers.PASSWORD), payload);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("Java serialization format are not accepted");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("CASE-2026-SERIAL")
        .count()).isZero();
  }
}
