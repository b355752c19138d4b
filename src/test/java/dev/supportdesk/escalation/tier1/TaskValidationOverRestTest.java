package dev.supportdesk.escalation.tier1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A REST call can skip the form: the server checks the input again and answers 400, task untouched. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:task-validation;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class TaskValidationOverRestTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;

  @Test
  void completingTheTier1AnalysisWithoutItsInputIsABadRequestAndTheTaskStaysOpen() {
    TestUsers.ensure(engine.getIdentityService(), "rest.tier1", Groups.TIER1);
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, "CASE-2026-RESTVL",
        Map.of(CaseVariables.SUMMARY, "Login fails", CaseVariables.DESCRIPTION, "Since this morning nobody can log in"));
    Task task = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey("CASE-2026-RESTVL").taskCandidateGroup(Groups.TIER1).singleResult(), t -> t != null);
    Http http = new Http(port);
    String agent = Http.basic("rest.tier1", TestUsers.PASSWORD);
    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/claim", agent, "{\"userId\":\"rest.tier1\"}")
        .statusCode()).isEqualTo(204);

    HttpResponse<String> response = http.postJson("/engine-rest/task/" + task.getId() + "/complete", agent,
        "{\"variables\":{\"tier1Outcome\":{\"value\":\"DELETE_EVERYTHING\",\"type\":\"String\"}}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("cannot be completed").contains("InvalidTaskInputException");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult()).isNotNull();
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "tier1Outcome")).isNull();

    // other engine errors keep Camunda's own answers
    assertThat(http.postJson("/engine-rest/task/no-such-task/complete", agent, "{}").statusCode()).isIn(404, 500);
  }
}
