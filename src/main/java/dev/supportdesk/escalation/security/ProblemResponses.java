package dev.supportdesk.escalation.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes RFC 9457 problem details from servlet filters, where Spring MVC's handlers do not reach. */
public final class ProblemResponses {

  public static final String PROBLEM_JSON = "application/problem+json";

  private ProblemResponses() {}

  public static void write(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(PROBLEM_JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body(status, title, detail));
  }

  /** The problem document itself, for doors that build their own response (the webapps' plugin APIs). */
  public static String body(int status, String title, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\"" + escape(title)
        + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\"}";
  }

  /**
   * A problem from the engine's doors (/engine-rest, the webapps' engine API) that keeps Camunda's REST
   * error members {@code type} and {@code message}, which Tasklist and Cockpit show to the user.
   */
  public static void writeEngineProblem(HttpServletResponse response, int status, String type, String title,
      String message) throws IOException {
    response.setStatus(status);
    response.setContentType(PROBLEM_JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // bytes through the output stream: behind a response wrapper the container's stream is already taken
    byte[] body = ("{\"type\":\"" + escape(type) + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
        + ",\"detail\":\"" + escape(message) + "\",\"message\":\"" + escape(message) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
