package dev.supportdesk.escalation.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Bad input to the identity endpoints of /engine-rest and of the webapps' engine API (which Admin uses to
 * create users and groups, change passwords and add members) as 4xx {@code application/problem+json} with
 * the engine's reason. The engine refuses these with a plain {@code ProcessEngineException}, which
 * Camunda's REST layer answers with 500, and a member added twice only surfaces as the persistence
 * layer's 500. Translated here:
 * a password against the policy and an id outside the configured pattern become 400, a missing user or
 * group 404, an id or membership that already exists 409 (Camunda's own 400 "The user already exists"
 * included), never with SQL or an engine code. The engine
 * rolled its transaction back before answering, so nothing of a refused request is stored. Other 4xx
 * answers in Camunda's JSON error shape keep their status and message and get the same shape.
 */
public class IdentityRefusals extends OncePerRequestFilter {

  /** user/create, user/{id}/credentials|profile, group/create, group/{id}, group/{id}/members/{user}, tenant/... */
  static final Pattern IDENTITY = Pattern.compile(".*/(user|group|tenant)(/.*)?$");
  static final Pattern MEMBER = Pattern.compile(".*/(group|tenant)/([^/]+)/(members|user-members|group-members)/([^/]+)/?$");
  static final Pattern NOT_FOUND = Pattern.compile("(No (user|group|tenant) found with id '[^']*'\\.)");
  static final Pattern ENGINE_CODE = Pattern.compile("^ENGINE-\\d+\\s*");

  static final String PASSWORD_POLICY = "The password does not match the password policy: at least 10 characters,"
      + " upper and lower case letters, a digit and a special character, and not the user's id or name.";

  record Refusal(int status, String type, String message) {}

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod()))
        || !IDENTITY.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, captured);
    Refusal refusal = translate(request.getRequestURI(), captured.getStatus(), captured.getContentAsByteArray());
    if (refusal == null) {
      captured.copyBodyToResponse();
      return;
    }
    captured.resetBuffer();
    ProblemResponses.writeEngineProblem(response, refusal.status(), refusal.type(), title(refusal.status()),
        refusal.message());
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

  /** The answer for the engine's {@code status} and JSON error {@code body} at {@code path}, or null to keep it. */
  Refusal translate(String path, int status, byte[] body) {
    if (status != 500 && (status < 400 || status > 499)) {
      return null;
    }
    JsonNode error;
    try {
      error = json.readTree(body);
    } catch (IOException notJson) {
      return status == 400 ? new Refusal(400, "InvalidRequestException", TaskRefusals.UNREADABLE) : null;
    }
    if (error == null || !error.isObject()) {
      return null;
    }
    String type = error.path("type").asText("");
    String message = error.path("message").asText("");
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("password does not match policy")) {
      return new Refusal(400, "PasswordPolicyViolation", PASSWORD_POLICY);
    }
    if (lower.contains("is not a valid resource identifier")) {
      return new Refusal(400, "InvalidId", ENGINE_CODE.matcher(message).replaceFirst(""));
    }
    Matcher notFound = NOT_FOUND.matcher(message);
    if (notFound.find()) {
      // the engine checks a membership's user and group first (a NullValueException, "...: user is null")
      return new Refusal(404, "UnknownMember", notFound.group(1));
    }
    if (type.equals("NullValueException") || lower.contains("is null")) {
      return new Refusal(400, "InvalidRequestException", ENGINE_CODE.matcher(message).replaceFirst(""));
    }
    Matcher member = MEMBER.matcher(path);
    if (status == 400 && lower.contains("already exists")) {
      // Camunda's REST layer finds an existing user or group itself and says so with a 400
      return new Refusal(409, "DuplicateId", message);
    }
    if (status == 500 && member.matches() && type.equals("ProcessEnginePersistenceException")) {
      // user and group exist (checked above): the only insert a membership can fail is the one already stored
      return new Refusal(409, "DuplicateMembership", "'" + member.group(4) + "' is already a member of "
          + member.group(1) + " '" + member.group(2) + "'.");
    }
    if (status != 500 && !type.isEmpty()) {
      return new Refusal(status, type, message.isEmpty() ? "The request cannot be read (" + type + ")." : message);
    }
    return null;
  }
}
