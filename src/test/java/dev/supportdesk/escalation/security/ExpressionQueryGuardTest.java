package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ExpressionQueryGuardTest {

  final ExpressionQueryGuard guard = new ExpressionQueryGuard();

  MockHttpServletResponse post(String path, String body) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setContentType("application/json");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    guard.doFilter(request, response, chain);
    if (chain.getRequest() != null) {
      // passed on: the engine must still be able to read the whole body
      assertThat(new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
      response.setStatus(299);
    }
    return response;
  }

  @Test
  void rejectsExpressionsAtAnyDepthOfATaskQuery() throws Exception {
    assertThat(post("/engine-rest/task", "{\"assigneeExpression\":\"${x}\"}").getStatus()).isEqualTo(400);
    assertThat(post("/engine-rest/task/count", "{\"orQueries\":[{\"candidateGroupsExpression\":\"${x}\"}]}")
        .getStatus()).isEqualTo(400);
    assertThat(post("/camunda/api/engine/engine/default/filter/abc/list", "{\"orQueries\":[{\"a\":{\"FollowUpBeforeExpression\":1}}]}")
        .getStatus()).isEqualTo(400);
  }

  @Test
  void letsOrdinaryQueriesAndOtherEndpointsThrough() throws Exception {
    assertThat(post("/engine-rest/task", "{\"candidateGroup\":\"tier1\",\"orQueries\":[{\"assignee\":\"a\"}]}")
        .getStatus()).isEqualTo(299);
    // variables that merely contain "${" text are data, not expressions: completing a task is not a query
    assertThat(post("/engine-rest/task/123/complete", "{\"variables\":{\"assigneeExpression\":{\"value\":\"${x}\"}}}")
        .getStatus()).isEqualTo(299);
    assertThat(post("/engine-rest/task", "not json").getStatus()).isEqualTo(299);
  }

  @Test
  void rejectsExpressionQueryParameters() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
    request.addParameter("dueDateExpression", "${now()}");
    MockHttpServletResponse response = new MockHttpServletResponse();
    guard.doFilter(request, response, new MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).startsWith("application/problem+json");
  }
}
