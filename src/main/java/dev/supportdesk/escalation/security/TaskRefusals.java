package dev.supportdesk.escalation.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * How the task endpoints of /engine-rest and Tasklist's engine API refuse, in words an agent understands
 * and as {@code application/problem+json}. Two agents working the same task at the same moment: the
 * engine lets one win and answers the other with a 500 carrying its own text (an
 * {@code OptimisticLockingException} "ENGINE-03005 ... updated by another transaction concurrently", a
 * {@code TaskAlreadyClaimedException}, or "Cannot find task" once the winner completed it); these become
 * 409 Conflict (404 for the vanished task). A variable in Java serialization format, which the engine
 * prohibits ({@code java-serialization-format-enabled} stays off) with a 500, becomes 400, on every
 * endpoint that takes variables (a process start, a message, a variable update too). Other refusals
 * (a 4xx in Camunda's JSON error shape, or the JSON provider's text for a malformed body) keep their
 * status and get the same shape. The body keeps Camunda's {@code type} and {@code message} members,
 * because Tasklist shows {@code message}. Any other answer passes unchanged.
 */
public class TaskRefusals extends OncePerRequestFilter {

  static final Pattern TASK_CHANGE =
      Pattern.compile(".*/task/[^/]+/(claim|unclaim|complete|submit-form|resolve|assignee|delegate)/?$");

  static final String CHANGED = "This task was completed or changed by someone else a moment ago."
      + " Reload the task list and check whether it still needs you.";
  static final String CLAIMED = "Someone else claimed this task a moment ago. Reload the task list to see who"
      + " works on it.";
  static final String JAVA_SERIALIZED = "Variables in Java serialization format are not accepted: send plain"
      + " values (String, Boolean, numbers, dates) or JSON.";
  static final String JAVA_SERIALIZATION_PROHIBITED = "JavaSerializationProhibited";
  static final String UNREADABLE = "The request body cannot be read: send a JSON object.";
  static final String GONE = "This task no longer exists: someone else completed it a moment ago, or the case"
      + " moved on. Reload the task list.";

  /** What the engine said, and how the agent hears it. */
  record Translation(int status, String type, String message) {}

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, captured);
    Translation translation = TASK_CHANGE.matcher(request.getRequestURI()).matches()
        ? translate(captured.getStatus(), captured.getContentAsByteArray())
        : translateJavaSerialization(captured.getStatus(), captured.getContentAsByteArray());
    if (translation == null) {
      captured.copyBodyToResponse();
      return;
    }
    captured.resetBuffer();
    ProblemResponses.writeEngineProblem(response, translation.status(), translation.type(),
        title(translation.status()), translation.message());
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      default -> "Refused";
    };
  }

  /**
   * Outside the task endpoints (starting a process, correlating a message, setting variables) only the
   * Java-serialized variable is translated: every other answer stays the engine's own.
   */
  Translation translateJavaSerialization(int status, byte[] body) {
    Translation translation = translate(status, body);
    return translation != null && translation.type().equals(JAVA_SERIALIZATION_PROHIBITED) ? translation : null;
  }

  /** The agent's answer for the engine's {@code status} and JSON error {@code body}, or null to keep it. */
  Translation translate(int status, byte[] body) {
    if (status != 500 && (status < 400 || status > 499)) {
      return null;
    }
    JsonNode error;
    try {
      error = json.readTree(body);
    } catch (IOException notJson) {
      // the JSON provider's own text for a body it cannot parse
      return status == 400 ? new Translation(400, "InvalidRequestException", UNREADABLE) : null;
    }
    if (error == null || !error.isObject()) {
      return null;
    }
    String type = error.path("type").asText("");
    String message = error.path("message").asText("");
    if (status == 500 && (type.equals("OptimisticLockingException") || message.contains("ENGINE-03005")
        || message.contains("updated by another transaction concurrently"))) {
      return new Translation(409, "TaskConflict", CHANGED);
    }
    if (status == 500 && (type.equals("TaskAlreadyClaimedException")
        || message.contains("is already claimed by someone else"))) {
      return new Translation(409, "TaskAlreadyClaimed", CLAIMED);
    }
    if (message.contains("Cannot find task with id") || message.contains("No task exists with id")) {
      return new Translation(404, "TaskGone", GONE);
    }
    if (status == 500 && (message.contains("ENGINE-17007") || message.contains("Java serialization format is prohibited"))) {
      return new Translation(400, JAVA_SERIALIZATION_PROHIBITED, JAVA_SERIALIZED);
    }
    if (status != 500 && !type.isEmpty()) {
      return new Translation(status, type, message.isEmpty() ? "The request cannot be read (" + type + ")." : message);
    }
    return null;
  }
}
