package dev.supportdesk.escalation.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
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
 * Turns the engine's 500 for a task completed with invalid input into a 400 carrying the validator's
 * message. The engine wraps every task-listener exception in a plain {@code ProcessEngineException}
 * (ENGINE-03051), which Camunda's REST layer answers with 500, and its Jersey exception mappers cannot
 * be overridden for that type; so the answer of the completing endpoints (and of start forms, whose
 * steps check their input the same way) is translated here. Only
 * messages produced by {@link InvalidTaskInputException} ("Task '…' cannot be completed: …") qualify.
 * The answer is {@code application/problem+json} that keeps Camunda's {@code type} and {@code message}
 * members, which Tasklist shows.
 */
public class TaskInputErrors extends OncePerRequestFilter {

  static final Pattern COMPLETING = Pattern.compile(
      ".*/(task/[^/]+/(complete|submit-form|resolve)|process-definition/(key/)?[^/]+/(start|submit-form))/?$");
  static final Pattern INVALID_INPUT = Pattern.compile("(Task '.{1,200}?' cannot be completed: .*?)'?$", Pattern.DOTALL);

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !COMPLETING.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, captured);
    String message = captured.getStatus() == 500 ? invalidInputMessage(captured.getContentAsByteArray()) : null;
    if (message == null) {
      captured.copyBodyToResponse();
      return;
    }
    captured.resetBuffer();
    ProblemResponses.writeEngineProblem(response, HttpServletResponse.SC_BAD_REQUEST,
        InvalidTaskInputException.class.getSimpleName(), "Invalid task input", message);
  }

  String invalidInputMessage(byte[] body) {
    try {
      JsonNode error = json.readTree(body);
      String text = error == null || error.get("message") == null ? null : error.get("message").asText();
      if (text == null) {
        return null;
      }
      Matcher matcher = INVALID_INPUT.matcher(text);
      return matcher.find() ? matcher.group(1) : null;
    } catch (IOException notJson) {
      return null;
    }
  }
}
