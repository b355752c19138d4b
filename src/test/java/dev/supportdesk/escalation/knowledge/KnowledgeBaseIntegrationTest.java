package dev.supportdesk.escalation.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.State;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Visibility;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.FreePort;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scope 3, the knowledge base in the running application: the article a Tier 1 agent writes at the
 * closure of case A is suggested in the Tier 1 form of a similar case B, resolves it (its text proposed to
 * the customer, the mail carrying it) and is revised at B's closure. Customers read only what is published
 * for them. Agents work over /engine-rest with their own login, as Tasklist does; customers use /api.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:knowledge-it;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "spring.mail.host=127.0.0.1"})
class KnowledgeBaseIntegrationTest {

  static final String ORGANISATION = "org-knowledge-it";
  static final String CUSTOMER = "kim.knowledge";
  static final String AGENT = "tara.tier1";
  static final int SMTP_PORT = FreePort.next();
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static GreenMail smtp;

  @Autowired ProcessEngine engine;
  @Autowired KnowledgeBase knowledge;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  Http http;

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @BeforeEach
  void identities() {
    http = new Http(port);
    CustomerFixtures.organisation(engine.getIdentityService(), ORGANISATION, "Knowledge Test Ltd");
    CustomerFixtures.customer(engine.getIdentityService(), CUSTOMER, ORGANISATION);
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER1);
  }

  @Test
  void anArticleWrittenAtTheClosureOfOneCaseResolvesTheNextSimilarCase() throws Exception {
    // case A: resolved at Tier 1 by hand, the article written at its closure, published for customers
    String caseA = openCase("CSV export stops after 60 seconds", "Exporting the monthly report to CSV stops"
        + " after exactly one minute with 'Gateway timeout'.");
    Task analyseA = awaitTask(caseA, Tier1Variables.TASK_ANALYSE_AT_TIER1);
    assertThat(formVariable(analyseA, KnowledgeVariables.SUGGESTIONS)).contains("No published article matches");
    complete(analyseA, tier1(Map.of()));
    complete(awaitTask(caseA, Tier1Variables.TASK_COMMUNICATE_RESOLUTION), Map.of(Tier1Variables.RESOLUTION_TEXT,
        "Please raise export.timeout to 300 seconds under Settings > Data Export and run the export again."));
    accept(caseA);
    Task updateA = awaitTask(caseA, Tier1Variables.TASK_UPDATE_KNOWLEDGE_BASE);
    // the closure does not wait for the article: the customer hears it is closed while Tier 1 still writes
    await().atMost(PATIENCE).until(() -> mailAbout(caseA, "is closed"), m -> m != null);
    JsonNode closedA = json.readTree(http.get("/api/cases/" + caseA, Http.basic(CUSTOMER, TestUsers.PASSWORD)).body());
    assertThat(closedA.get("status").get("code").asText()).isEqualTo("CLOSED");
    assertThat(closedA.get("open").asBoolean()).isFalse();
    assertThat(formVariable(updateA, KnowledgeVariables.REVISES)).isNull();
    complete(updateA, Map.of(
        Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, "CSV export of large reports stops with a gateway timeout",
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, "Exports of large reports stop after 60 seconds with 'Gateway"
            + " timeout'. The export runs longer than export.timeout allows. Raise export.timeout to 300 seconds"
            + " under Settings > Data Export and run the export again.",
        KnowledgeVariables.TAGS, "export, timeout, csv",
        KnowledgeVariables.VISIBILITY, "CUSTOMERS",
        KnowledgeVariables.STATE, "PUBLISHED"));
    String article = await().atMost(PATIENCE).until(() -> (String) engine.getHistoryService()
        .createHistoricVariableInstanceQuery().processInstanceId(updateA.getProcessInstanceId())
        .variableName(KnowledgeVariables.KNOWLEDGE_ARTICLE).singleResult().getValue(), a -> a != null);
    KnowledgeArticle written = knowledge.existing(article);
    assertThat(written.author()).isEqualTo(AGENT);
    assertThat(written.sourceCase()).isEqualTo(caseA);
    assertThat(written.tags()).containsExactly("export", "timeout", "csv");

    // a draft and an internal article on the same subject: agents may see the internal one, customers never
    KnowledgeArticle internal = knowledge.write(new Draft("Export timeouts: internal escalation notes",
        "Internal: exports timing out on the shared cluster go to the data platform team with the job id.",
        "Data Export", List.of("export", "timeout"), Visibility.INTERNAL, State.PUBLISHED), AGENT, null);
    KnowledgeArticle draft = knowledge.write(new Draft("Draft: export timeout on CSV reports",
        "Unfinished draft about CSV export timeouts, not yet checked by anyone.", "Data Export",
        List.of("export"), Visibility.CUSTOMERS, State.DRAFT), AGENT, null);

    // case B: similar words; Tier 1 sees the article suggested and resolves with it
    String caseB = openCase("Exporting reports to CSV times out", "Our CSV exports of big reports time out"
        + " after a minute.");
    Task analyseB = awaitTask(caseB, Tier1Variables.TASK_ANALYSE_AT_TIER1);
    String suggestions = formVariable(analyseB, KnowledgeVariables.SUGGESTIONS);
    assertThat(suggestions.lines().findFirst()).hasValueSatisfying(first -> assertThat(first).startsWith(article + " · "));
    assertThat(suggestions).contains(internal.reference()).doesNotContain(draft.reference());

    // naming an article that is not published is refused in words, nothing of the completion kept
    HttpResponse<String> refused = completeAnswer(analyseB, tier1(Map.of(KnowledgeVariables.KNOWN_ARTICLE,
        draft.reference())));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains(draft.reference() + " is draft, not published");
    complete(analyseB, tier1(Map.of(KnowledgeVariables.KNOWN_ARTICLE, article.toLowerCase())));

    Task communicateB = awaitTask(caseB, Tier1Variables.TASK_COMMUNICATE_RESOLUTION);
    String proposed = formVariable(communicateB, Tier1Variables.RESOLUTION_TEXT);
    assertThat(proposed).contains(article).contains("Raise export.timeout to 300 seconds");
    complete(communicateB, Map.of(Tier1Variables.RESOLUTION_TEXT, proposed));
    MimeMessage mail = await().atMost(PATIENCE).until(() -> mailAbout(caseB, "resolution"), m -> m != null);
    assertThat(GreenMailUtil.getBody(mail)).contains(article).contains("export.timeout");

    // the customer reads it in the knowledge base, finds it by search; internal and draft articles do not exist for them
    String customer = Http.basic(CUSTOMER, TestUsers.PASSWORD);
    HttpResponse<String> read = http.get("/api/knowledge/articles/" + article, customer);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(json.readTree(read.body()).get("body").asText()).contains("Gateway timeout");
    for (KnowledgeArticle hidden : List.of(internal, draft)) {
      HttpResponse<String> notFound = http.get("/api/knowledge/articles/" + hidden.reference(), customer);
      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(notFound.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
    }
    JsonNode found = json.readTree(http.get("/api/knowledge/articles?q="
        + URLEncoder.encode("csv export timeout", StandardCharsets.UTF_8), customer).body());
    assertThat(found).extracting(node -> node.get("reference").asText()).contains(article)
        .doesNotContain(internal.reference(), draft.reference());
    for (String bad : List.of("?limit=0", "?limit=abc", "?q=" + "a".repeat(2001), "?product=" + "p".repeat(101))) {
      HttpResponse<String> refusedQuery = http.get("/api/knowledge/articles" + bad, customer);
      assertThat(refusedQuery.statusCode()).as(bad).isEqualTo(400);
      assertThat(refusedQuery.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
    }
    assertThat(http.get("/api/knowledge/articles/" + article, Http.basic(AGENT, TestUsers.PASSWORD)).statusCode())
        .as("the customer API is for customers").isEqualTo(403);
    assertThat(http.get("/api/knowledge/articles", null).statusCode()).isEqualTo(401);

    // at B's closure the agent revises the article B was resolved with: version 2, both versions kept
    accept(caseB);
    Task updateB = awaitTask(caseB, Tier1Variables.TASK_UPDATE_KNOWLEDGE_BASE);
    assertThat(formVariable(updateB, KnowledgeVariables.REVISES)).contains(article + " (version 1");
    assertThat(formVariable(updateB, Tier1Variables.KNOWLEDGE_ARTICLE_TITLE)).isEqualTo(written.title());
    complete(updateB, Map.of(
        Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, written.title(),
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, written.body() + " Since 4.3 the limit can be set per report.",
        KnowledgeVariables.VISIBILITY, "CUSTOMERS",
        KnowledgeVariables.STATE, "PUBLISHED"));
    await().atMost(PATIENCE).until(() -> knowledge.existing(article).version() == 2);
    assertThat(knowledge.history(article)).extracting(KnowledgeArticle.Version::caseReference)
        .containsExactly(caseA, caseB);
    assertThat(json.readTree(http.get("/api/knowledge/articles/" + article, customer).body()).get("body").asText())
        .contains("per report");
  }

  // ------------------------------------------------------------------ helpers

  String openCase(String summary, String description) throws IOException {
    HttpResponse<String> response = http.postJson("/api/cases", Http.basic(CUSTOMER, TestUsers.PASSWORD),
        json.writeValueAsString(Map.of("summary", summary, "description", description, "product", "Data Export")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("reference").asText();
  }

  Task awaitTask(String reference, String taskDefinitionKey) {
    return await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey(taskDefinitionKey).list().stream().findFirst()
        .orElse(null), task -> task != null);
  }

  /** What Tasklist shows in the task's form for {@code name}. */
  String formVariable(Task task, String name) throws IOException {
    JsonNode variables = json.readTree(http.get("/engine-rest/task/" + task.getId() + "/form-variables",
        Http.basic(AGENT, TestUsers.PASSWORD)).body());
    JsonNode value = variables.path(name).path("value");
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  HttpResponse<String> completeAnswer(Task task, Map<String, Object> variables) {
    String agent = Http.basic(AGENT, TestUsers.PASSWORD);
    ObjectNode body = json.createObjectNode();
    ObjectNode values = body.putObject("variables");
    variables.forEach((name, value) -> values.putObject(name).putPOJO("value", value));
    return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", agent, body.toString());
  }

  void complete(Task task, Map<String, Object> variables) {
    String agent = Http.basic(AGENT, TestUsers.PASSWORD);
    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/claim", agent, "{\"userId\":\"" + AGENT + "\"}")
        .statusCode()).isEqualTo(204);
    HttpResponse<String> answer = completeAnswer(task, variables);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 204);
  }

  void accept(String reference) {
    await().atMost(PATIENCE).until(() -> http.postJson("/api/cases/" + reference + "/confirmation",
        Http.basic(CUSTOMER, TestUsers.PASSWORD), "{\"accepted\": true}").statusCode(), status -> status == 200);
  }

  static Map<String, Object> tier1(Map<String, Object> more) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(Tier1Variables.SYMPTOMS, "CSV export stops after 60 s");
    v.put(Tier1Variables.CONFIGURATION_VERIFIED, true);
    v.put(Tier1Variables.LOGS_ANALYSED, true);
    v.put(Tier1Variables.KNOWN_ISSUES_CHECKED, true);
    v.put(Tier1Variables.REPRODUCED, "YES");
    v.put(Tier1Variables.TIER1_FINDINGS, "The export hits the configured timeout.");
    v.put(Tier1Variables.TIER1_OUTCOME, "RESOLVED");
    v.put(Tier1Variables.RESOLUTION_CATEGORY, "KNOWN_ISSUE");
    v.putAll(more);
    return v;
  }

  static MimeMessage mailAbout(String reference, String subjectPart) throws Exception {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String subject = message.getSubject() == null ? "" : message.getSubject();
      if (subject.contains(reference) && subject.toLowerCase().contains(subjectPart)) {
        return message;
      }
    }
    return null;
  }
}
