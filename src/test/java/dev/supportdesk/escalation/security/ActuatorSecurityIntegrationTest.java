package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Actuator shows health to anyone (status only) and metrics to operators and administrators only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:actuator-security;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class ActuatorSecurityIntegrationTest {

  static final String PASSWORD = TestUsers.PASSWORD;

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void users() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    TestUsers.ensure(identity, "ops.person", Groups.OPERATORS);
    TestUsers.ensure(identity, "t1.person", Groups.TIER1);
    TestUsers.ensure(identity, "admin.person", Groups.CAMUNDA_ADMIN);
  }

  @Test
  void anyoneSeesHealthStatusWithoutDetails() {
    HttpResponse<String> health = http.get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details");
    // a logged-in operator gets no more detail either
    assertThat(http.get("/actuator/health", Http.basic("ops.person", PASSWORD)).body())
        .doesNotContain("components", "details");
  }

  @Test
  void anonymousMetricsRequestIsAskedToLogIn() {
    HttpResponse<String> metrics = http.get("/actuator/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(401);
    assertThat(metrics.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith(ProblemResponses.PROBLEM_JSON);
    assertThat(http.get("/actuator/metrics/jvm.memory.used", null).statusCode()).isEqualTo(401);
  }

  @Test
  void agentIsRefusedMetrics() {
    HttpResponse<String> metrics = http.get("/actuator/metrics", Http.basic("t1.person", PASSWORD));
    assertThat(metrics.statusCode()).isEqualTo(403);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith(ProblemResponses.PROBLEM_JSON);
    assertThat(metrics.body()).doesNotContain("jvm.");
  }

  @Test
  void operatorReadsMetricNamesAndAMetric() {
    String operator = Http.basic("ops.person", PASSWORD);
    HttpResponse<String> names = http.get("/actuator/metrics", operator);
    assertThat(names.statusCode()).isEqualTo(200);
    assertThat(names.body()).contains("\"names\"", "jvm.memory.used", "http.server.requests");
    HttpResponse<String> one = http.get("/actuator/metrics/jvm.memory.used", operator);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).contains("\"measurements\"");
    assertThat(one.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
  }

  @Test
  void administratorReadsMetrics() {
    assertThat(http.get("/actuator/metrics", Http.basic("admin.person", PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void everyOtherEndpointIsNotExposedToAnyone() {
    for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops",
        "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump", "/actuator/mappings",
        "/actuator/shutdown"}) {
      assertThat(http.get(path, null).statusCode()).as("anonymous " + path).isEqualTo(404);
      assertThat(http.get(path, Http.basic("ops.person", PASSWORD)).statusCode()).as("operator " + path).isEqualTo(404);
      assertThat(http.get(path, Http.basic("admin.person", PASSWORD)).statusCode()).as("admin " + path).isEqualTo(404);
    }
  }

  @Test
  void webappsAndEngineRestKeepTheirOwnAuthentication() {
    assertThat(http.get("/engine-rest/task", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", Http.basic("ops.person", PASSWORD)).body()).isEqualTo("[]");
    assertThat(http.webappLogin("ops.person", PASSWORD, "tasklist")).isNotEqualTo(200);
  }
}
