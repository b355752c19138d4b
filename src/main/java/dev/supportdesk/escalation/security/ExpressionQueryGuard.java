package dev.supportdesk.escalation.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects ad-hoc task queries that carry expressions ({@code assigneeExpression}, {@code dueDateExpression},
 * … also nested inside {@code orQueries}) before they reach the engine. Expressions in queries are
 * evaluated by the engine; in 7.24.0 CE the check that should refuse them in ad-hoc queries is known to be
 * bypassable through {@code orQueries}, a remote-code-execution path fixed only in non-free patches.
 * Stored filters keep their expressions (creating one needs FILTER CREATE, which only administrators have).
 */
public class ExpressionQueryGuard extends OncePerRequestFilter {

  /** Ad-hoc task query endpoints of /engine-rest and of the webapps' own engine API. */
  static final Pattern TASK_QUERY = Pattern.compile(
      ".*/(task|task/count|history/task|history/task/count|filter/[^/]+/(list|count|singleResult))/?$");
  static final int MAX_BODY = 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    if (!TASK_QUERY.matcher(path).matches()) {
      chain.doFilter(request, response);
      return;
    }
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      if (isExpressionKey(parameter.getKey())) {
        reject(response, parameter.getKey());
        return;
      }
    }
    if (!"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      ProblemResponses.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Query too large",
          "A task query body may not exceed " + MAX_BODY + " bytes.");
      return;
    }
    String offending = body.length == 0 ? null : expressionKeyIn(body);
    if (offending != null) {
      reject(response, offending);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  String expressionKeyIn(byte[] body) {
    try {
      return expressionKeyIn(json.readTree(body), 0);
    } catch (IOException notJson) {
      return null; // the engine answers malformed JSON itself
    }
  }

  static String expressionKeyIn(JsonNode node, int depth) {
    if (node == null || depth > 32) {
      return null;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (isExpressionKey(field.getKey())) {
          return field.getKey();
        }
        String nested = expressionKeyIn(field.getValue(), depth + 1);
        if (nested != null) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        String nested = expressionKeyIn(element, depth + 1);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  static boolean isExpressionKey(String key) {
    return key.toLowerCase(Locale.ROOT).endsWith("expression");
  }

  private static void reject(HttpServletResponse response, String key) throws IOException {
    ProblemResponses.write(response, HttpServletResponse.SC_BAD_REQUEST, "Expressions not allowed in queries",
        "Task queries may not carry expressions; remove '" + key + "'.");
  }

  /** Replays the body that was read for inspection. */
  static final class CachedBodyRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public jakarta.servlet.ServletInputStream getInputStream() {
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
      return new jakarta.servlet.ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
