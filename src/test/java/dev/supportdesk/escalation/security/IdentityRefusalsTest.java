package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the identity endpoints' 500s become, and what they leave alone. */
class IdentityRefusalsTest {

  final IdentityRefusals filter = new IdentityRefusals();

  @Test
  void engineCodeIsCutFromAnInvalidId() throws Exception {
    MockHttpServletResponse response = run("POST", "/engine-rest/user/create", 500,
        "{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03111 User has an invalid id: 'a b' is not a valid"
            + " resource identifier.\",\"code\":0}");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).contains("\"message\":\"User has an invalid id: 'a b' is not a valid")
        .doesNotContain("ENGINE-");
  }

  @Test
  void otherAnswersAndOtherEndpointsPassUnchanged() throws Exception {
    String otherError = "{\"type\":\"ProcessEngineException\",\"message\":\"Something else\"}";
    MockHttpServletResponse other = run("POST", "/engine-rest/user/create", 500, otherError);
    assertThat(other.getStatus()).isEqualTo(500);
    assertThat(other.getContentAsString()).isEqualTo(otherError);

    String policy = "{\"type\":\"ProcessEngineException\",\"message\":\"Password does not match policy\"}";
    assertThat(run("POST", "/engine-rest/process-definition/key/x/start", 500, policy).getStatus()).isEqualTo(500);
    assertThat(run("GET", "/engine-rest/user", 500, policy).getStatus()).isEqualTo(500);
    assertThat(run("POST", "/engine-rest/user/create", 204, "").getStatus()).isEqualTo(204);
    String persistence = "{\"type\":\"ProcessEnginePersistenceException\",\"message\":\"An exception occurred\"}";
    assertThat(run("POST", "/engine-rest/user/create", 500, persistence).getStatus()).isEqualTo(500);
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
