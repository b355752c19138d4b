package dev.supportdesk.escalation.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A refused deployment (a diagram the parser rejects, a changed decision the replay gate holds back, a
 * missing permission) keeps its 4xx status and Camunda's {@code type} and {@code message}, which Camunda
 * Modeler shows, and is answered as {@code application/problem+json} like every other door's bad input.
 * The engine rolled the deployment back before answering, so nothing of it is stored.
 */
public class DeploymentRefusals extends OncePerRequestFilter {

  static final Pattern CREATE = Pattern.compile(".*/deployment/create/?$");
  /**
   * A file that is not well-formed XML, or a decision the DMN engine cannot transform, reaches Camunda's REST
   * layer as a plain ProcessEngineException (500), not as its 400 ParseException: the client's bad input.
   */
  static final Pattern UNREADABLE_FILE = Pattern.compile("^(ENGINE-09\\d{3}|ENGINE-22004|DMN-\\d{5})\\s+(.*)$", Pattern.DOTALL);

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !CREATE.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, captured);
    int status = captured.getStatus();
    JsonNode error = status >= 400 && status <= 500 ? error(captured.getContentAsByteArray()) : null;
    String message = error == null ? null : error.get("message").asText();
    if (status == 500 && message != null) {
      Matcher unreadable = UNREADABLE_FILE.matcher(message);
      message = unreadable.matches() ? unreadable.group(2) : null;
      status = 400;
    }
    if (message == null) {
      captured.copyBodyToResponse();
      return;
    }
    captured.resetBuffer();
    ProblemResponses.writeEngineProblem(response, status, error.path("type").asText("InvalidRequestException"),
        status == 403 ? "Forbidden" : "Deployment refused", message);
  }

  private JsonNode error(byte[] body) {
    try {
      JsonNode error = json.readTree(body);
      return error != null && error.hasNonNull("message") ? error : null;
    } catch (IOException e) {
      return null;
    }
  }
}
