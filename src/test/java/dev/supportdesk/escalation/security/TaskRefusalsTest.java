package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The engine's answers to the loser of a race on a task, as an agent should hear them. */
class TaskRefusalsTest {

  final TaskRefusals filter = new TaskRefusals();

  @Test
  void concurrentUpdateBecomesConflictInWords() throws Exception {
    MockHttpServletResponse response = run("POST", "/engine-rest/task/t1/complete", 500,
        "{\"type\":\"RestException\",\"message\":\"Cannot complete task t1: ENGINE-03005 Execution of 'UPDATE TaskEntity[t1]'"
            + " failed. Entity was updated by another transaction concurrently.\",\"code\":1}");

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).contains("\"status\":409").contains("\"message\":\"" + TaskRefusals.CHANGED)
        .doesNotContain("ENGINE-03005").doesNotContain("UPDATE");
  }

  @Test
  void optimisticLockingByTypeBecomesConflict() throws Exception {
    assertThat(run("POST", "/camunda/api/engine/engine/default/task/t1/claim", 500,
        "{\"type\":\"OptimisticLockingException\",\"message\":\"ENGINE-03005 ...\"}").getStatus()).isEqualTo(409);
  }

  @Test
  void alreadyClaimedBecomesConflictNamingTheClaim() throws Exception {
    MockHttpServletResponse response = run("POST", "/engine-rest/task/t1/claim", 500,
        "{\"type\":\"TaskAlreadyClaimedException\",\"message\":\"Task 't1' is already claimed by someone else.\"}");

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(response.getContentAsString()).contains(TaskRefusals.CLAIMED);
  }

  @Test
  void vanishedTaskBecomesNotFoundInWords() throws Exception {
    MockHttpServletResponse response = run("POST", "/engine-rest/task/t1/complete", 500,
        "{\"type\":\"RestException\",\"message\":\"Cannot complete task t1: Cannot find task with id t1: task is null\"}");

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentAsString()).contains(TaskRefusals.GONE);
  }

  @Test
  void javaSerializedVariableIsABadRequest() throws Exception {
    MockHttpServletResponse response = run("POST", "/engine-rest/task/t1/complete", 500,
        "{\"type\":\"RestException\",\"message\":\"Cannot complete task t1: ENGINE-17007 Cannot set variable with name"
            + " payload. Java serialization format is prohibited\",\"code\":0}");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).contains(TaskRefusals.JAVA_SERIALIZED).doesNotContain("ENGINE-");
  }

  @Test
  void otherRefusalsKeepStatusAndMessageInProblemShape() throws Exception {
    MockHttpServletResponse response = run("POST", "/engine-rest/task/t1/complete", 400,
        "{\"type\":\"InvalidRequestException\",\"message\":\"Cannot complete task t1: bad variable\"}");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).contains("\"type\":\"InvalidRequestException\"")
        .contains("\"status\":400").contains("\"message\":\"Cannot complete task t1: bad variable\"");
  }

  @Test
  void otherAnswersAndOtherEndpointsPassUnchanged() throws Exception {
    String otherError = "{\"type\":\"ProcessEngineException\",\"message\":\"Something else\"}";
    MockHttpServletResponse other = run("POST", "/engine-rest/task/t1/complete", 500, otherError);
    assertThat(other.getStatus()).isEqualTo(500);
    assertThat(other.getContentAsString()).isEqualTo(otherError);

    String lockError = "{\"type\":\"OptimisticLockingException\",\"message\":\"ENGINE-03005\"}";
    assertThat(run("POST", "/engine-rest/process-instance/p1/modification", 500, lockError).getStatus()).isEqualTo(500);
    assertThat(run("GET", "/engine-rest/task/t1/complete", 500, lockError).getStatus()).isEqualTo(500);
    assertThat(run("POST", "/engine-rest/task/t1/complete", 204, "").getStatus()).isEqualTo(204);
    assertThat(run("POST", "/engine-rest/task/t1/complete", 500, "<html>not json</html>").getStatus()).isEqualTo(500);
  }

  MockHttpServletResponse run(String method, String uri, int status, String body) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
      @Override
      protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
          throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      }
    }));
    return response;
  }
}
