package dev.supportdesk.escalation.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.WebappSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff reach the files a customer attached through the "Case files" tab of Tasklist: the plugin's API
 * behind the webapps' session login, authorised by tier (the engine must let the agent see the task,
 * and engineering and QA never get customers' files).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:case-files;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class CaseFilesIntegrationTest {

  static final String ORGANISATION = "org-files-it";
  static final String PLUGIN = "/camunda/api/tasklist/plugin/case-files";
  static final String API = PLUGIN + "/default";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void identities() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORGANISATION, "Files Test Ltd");
    CustomerFixtures.customer(identity, "fay.files", ORGANISATION);
    TestUsers.ensure(identity, "t1.files", Groups.TIER1);
    TestUsers.ensure(identity, "t2.files", Groups.TIER2);
    TestUsers.ensure(identity, "eng.files", Groups.ENGINEERING);
  }

  @Test
  void aTier1AgentListsAndDownloadsTheCustomersFileFromTheTaskAndNobodyElseReachesIt() throws Exception {
    String reference = open("Export hangs at 99 %");
    byte[] log = "2026-12-07 ERROR export <script>alert(1)</script> stalled\n".getBytes(StandardCharsets.UTF_8);
    String fileId = attach(reference, "export #2 (run).log", log);
    String otherReference = open("Another customer case");
    String otherFileId = attach(otherReference, "other.log", "other\n".getBytes(StandardCharsets.UTF_8));
    Task task = tier1TaskOf(reference);

    WebappSession agent = login("t1.files");
    HttpResponse<String> list = agent.get(API + "/tasks/" + task.getId() + "/attachments");
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = json.readTree(list.body());
    assertThat(body.get("reference").asText()).isEqualTo(reference);
    assertThat(body.get("attachments")).hasSize(1);
    JsonNode file = body.get("attachments").get(0);
    assertThat(file.get("id").asText()).isEqualTo(fileId);
    assertThat(file.get("fileName").asText()).as("the name as the policy stored it").isEqualTo("export _2 (run).log");
    assertThat(file.get("size").asLong()).isEqualTo(log.length);
    assertThat(file.get("uploadedBy").asText()).isEqualTo("fay.files");

    HttpResponse<byte[]> download = agent.getBytes(API + "/tasks/" + task.getId() + "/attachments/" + fileId);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(log);
    assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;").contains("filename=\"export _2 (run).log\"")
        .contains("filename*=UTF-8''export%20_2%20%28run%29.log");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
    assertThat(download.headers().firstValue("Cache-Control")).hasValue("no-store");

    HttpResponse<String> foreign = agent.get(API + "/tasks/" + task.getId() + "/attachments/" + otherFileId);
    assertThat(foreign.statusCode()).as("a file of another case through this case's task").isEqualTo(404);
    assertThat(foreign.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(agent.get(API + "/tasks/no-such-task/attachments").statusCode()).isEqualTo(404);

    HttpResponse<String> engineering = login("eng.files").get(API + "/tasks/" + task.getId() + "/attachments");
    assertThat(engineering.statusCode()).isEqualTo(403);
    assertThat(json.readTree(engineering.body()).get("detail").asText()).contains("tier1");
    assertThat(login("eng.files").getBytes(API + "/tasks/" + task.getId() + "/attachments/" + fileId).statusCode())
        .isEqualTo(403);

    HttpResponse<String> tier2 = login("t2.files").get(API + "/tasks/" + task.getId() + "/attachments/" + fileId);
    assertThat(tier2.statusCode()).as("Tier 2 may not see a Tier 1 task").isEqualTo(404);
    assertThat(tier2.body()).doesNotContain("export _2");

    int anonymous = WebappSession.anonymous(port).get(API + "/tasks/" + task.getId() + "/attachments/" + fileId)
        .statusCode();
    assertThat(anonymous).isIn(401, 403);
  }

  @Test
  void tasklistLoadsTheTabScriptFromThePlugin() {
    HttpResponse<String> script = login("t1.files").get(PLUGIN + "/static/app/plugin.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("pluginPoint: 'tasklist.task.detail'").contains("textContent = file.fileName");
  }

  WebappSession login(String user) {
    WebappSession session = WebappSession.login(port, user, TestUsers.PASSWORD, "tasklist");
    assertThat(session.loginStatus()).isEqualTo(200);
    return session;
  }

  String open(String summary) throws Exception {
    HttpResponse<String> response = http.postJson("/api/cases", Http.basic("fay.files", TestUsers.PASSWORD),
        json.writeValueAsString(Map.of("summary", summary, "description", "Details of: " + summary)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("reference").asText();
  }

  String attach(String reference, String name, byte[] content) throws Exception {
    HttpResponse<String> response = http.postMultipart("/api/cases/" + reference + "/attachments",
        Http.basic("fay.files", TestUsers.PASSWORD), new Http.Multipart().file("file", name, content));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("id").asText();
  }

  Task tier1TaskOf(String reference) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
        .taskCandidateGroup(Groups.TIER1).list().stream().findFirst().orElseThrow();
  }
}
