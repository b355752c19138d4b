package dev.supportdesk.escalation.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.security.ProblemResponses;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.WebappSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The optional deployment gate (issue 17) switched on: a changed CasePriority table deploys through
 * /engine-rest, as Camunda Modeler's Deploy dialog sends it, only when its deployment name names a replay of
 * that very file; every refusal is a 400 problem+json that stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:decision-gate;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "support.decision-replay.deployment-gate=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionDeploymentGateIntegrationTest {

  static final String API = "/camunda/api/cockpit/plugin/decision-replay/default";
  static final String PERIOD = "from=" + ReplayProbeCases.FROM + "&to=" + ReplayProbeCases.TO;

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  Http http;

  @BeforeAll
  void cases() {
    ReplayProbeCases.users(engine);
    ReplayProbeCases.create(engine);
    http = new Http(port);
  }

  String replay(String dmn) throws Exception {
    WebappSession owner = WebappSession.login(port, ReplayProbeCases.OWNER, TestUsers.PASSWORD, "cockpit");
    assertThat(owner.loginStatus()).isEqualTo(200);
    owner.get(API + "/options");
    HttpResponse<String> response = owner.send("POST", API + "/replays?" + PERIOD + "&fileName=CasePriority.dmn",
        "application/xml", dmn);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("id").asText();
  }

  /** What Camunda Modeler's Deploy dialog sends. */
  HttpResponse<String> deploy(String name, String dmn) {
    return http.postMultipart("/engine-rest/deployment/create", Http.basic(ReplayProbeCases.OWNER, TestUsers.PASSWORD),
        new Http.Multipart().field("deployment-name", name).field("deployment-source", "Camunda Modeler")
            .file("data", "CasePriority.dmn", dmn.getBytes(StandardCharsets.UTF_8)));
  }

  DecisionDefinition latest() {
    return engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("CasePriority")
        .latestVersion().singleResult();
  }

  JsonNode refused(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith(ProblemResponses.PROBLEM_JSON));
    return json.readTree(response.body());
  }

  @Test
  void aChangedDecisionDeploysOnlyWithAReplayOfThatVeryFile() throws Exception {
    String edited = ReplayProbeCases.highLowBecomesP1();
    DecisionDefinition before = latest();
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();

    JsonNode unnamed = refused(deploy("P1 for HIGH impact, LOW urgency", edited));
    assertThat(unnamed.get("message").asText()).contains("'CasePriority.dmn' changes decision 'CasePriority'")
        .contains("names no replay").contains("Decision replay");

    String unknown = "8f14e45f-ceea-467f-a0e6-0d7ef3a5c1b2";
    assertThat(refused(deploy("P1 (replay " + unknown + ")", edited)).get("message").asText())
        .contains("there is no replay " + unknown);

    // a replay of another edit of the same table does not cover this file
    String otherReplay = replay(ReplayProbeCases.highLowBecomesP1().replace(
        "<outputEntry id=\"LiteralExpression_HighImpactLowUrgency_Priority\"><text>\"P1\"</text>",
        "<outputEntry id=\"LiteralExpression_HighImpactLowUrgency_Priority\"><text>\"P0\"</text>"));
    assertThat(refused(deploy("P1 (replay " + otherReplay + ")", edited)).get("message").asText())
        .contains("replay " + otherReplay + " replayed another file");

    assertThat(latest().getId()).as("nothing of a refused deployment is stored").isEqualTo(before.getId());
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);

    String reviewed = replay(edited);
    HttpResponse<String> accepted = deploy("P1 for HIGH impact, LOW urgency (replay " + reviewed.toUpperCase() + ")",
        edited);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(latest().getVersion()).isEqualTo(before.getVersion() + 1);
    assertThat(latest().getDeploymentId()).isEqualTo(json.readTree(accepted.body()).get("id").asText());

    // the same file again changes nothing, so it needs no replay
    HttpResponse<String> again = deploy("same file again", edited);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
  }

  @Test
  void aDecisionDeployedForTheFirstTimeHasNoHistoryToReplayAndPasses() {
    String fresh = ReplayProbeCases.casePriorityDmn().replace("id=\"CasePriority\"", "id=\"GateProbePriority\"");
    assertThat(fresh).contains("GateProbePriority");
    HttpResponse<String> response = http.postMultipart("/engine-rest/deployment/create",
        Http.basic(ReplayProbeCases.OWNER, TestUsers.PASSWORD), new Http.Multipart()
            .field("deployment-name", "new decision").file("data", "GateProbePriority.dmn",
                fresh.getBytes(StandardCharsets.UTF_8)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey("GateProbePriority").count()).isEqualTo(1);
  }

  @Test
  void aDiagramTheParserRefusesIsAProblemToo() throws Exception {
    HttpResponse<String> response = http.postMultipart("/engine-rest/deployment/create",
        Http.basic(ReplayProbeCases.OWNER, TestUsers.PASSWORD), new Http.Multipart()
            .field("deployment-name", "broken").file("data", "Broken.bpmn",
                "<definitions>not a process".getBytes(StandardCharsets.UTF_8)));
    JsonNode problem = refused(response);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("message").asText()).contains("Could not parse 'Broken.bpmn'").doesNotContain("ENGINE-");

    HttpResponse<String> brokenDecision = http.postMultipart("/engine-rest/deployment/create",
        Http.basic(ReplayProbeCases.OWNER, TestUsers.PASSWORD), new Http.Multipart()
            .field("deployment-name", "broken").file("data", "CasePriority.dmn",
                ReplayProbeCases.casePriorityDmn().replace("</definitions>", "").getBytes(StandardCharsets.UTF_8)));
    assertThat(refused(brokenDecision).get("message").asText()).isNotBlank().doesNotContain("DMN-");
  }
}
