package dev.supportdesk.escalation.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Jira's REST API v2, the few calls the tracker needs. Failures become exceptions whose messages name
 * the call and Jira's answer, never the credentials: {@link JiraUnavailableException} for what a retry may
 * cure (5xx, 429, timeouts, connection errors), {@link JiraRejectedException} for what needs a person
 * (401/403: credentials, 400: project, issue type or priority that Jira does not know, 404).
 */
public class JiraClient {

  private final RestClient http;
  private final ObjectMapper json;
  private final JiraProperties properties;

  public JiraClient(JiraProperties properties, ObjectMapper json) {
    if (properties.baseUrl() == null) {
      throw new IllegalStateException("support.tracker.type=jira needs support.tracker.jira.base-url");
    }
    if (properties.token() == null || properties.token().isBlank()) {
      throw new IllegalStateException("support.tracker.type=jira needs support.tracker.jira.token"
          + " (SUPPORT_TRACKER_JIRA_TOKEN): an API token (Cloud, with user) or a personal access token (Data Center)");
    }
    if (properties.projectKey() == null || properties.projectKey().isBlank()) {
      throw new IllegalStateException("support.tracker.type=jira needs support.tracker.jira.project-key");
    }
    this.properties = properties;
    this.json = json;
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
    requests.setReadTimeout(properties.readTimeout());
    String base = properties.baseUrl().toString().replaceAll("/+$", "");
    this.http = RestClient.builder()
        .requestFactory(requests)
        .baseUrl(base)
        .defaultHeader(HttpHeaders.AUTHORIZATION, authorization(properties))
        .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
        .build();
  }

  static String authorization(JiraProperties properties) {
    if (properties.user() == null || properties.user().isBlank()) {
      return "Bearer " + properties.token();
    }
    return "Basic " + Base64.getEncoder().encodeToString(
        (properties.user() + ":" + properties.token()).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code POST /rest/api/2/issue}: the new issue's key. */
  public String createIssue(Map<String, Object> fields) {
    JsonNode created = call("create an issue in project " + properties.projectKey(),
        http.post().uri("/rest/api/2/issue").contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("fields", fields)));
    String key = created.path("key").asText(null);
    if (key == null || key.isBlank()) {
      throw new JiraUnavailableException("Jira answered the creation of an issue without a key");
    }
    return key;
  }

  /** Issue keys matching {@code jql} (search path from the configuration), at most {@code max}. */
  public List<String> search(String jql, int max) {
    JsonNode result = call("search issues",
        http.get().uri(uri -> uri.path(properties.searchPath()).queryParam("jql", "{jql}")
            .queryParam("fields", "status").queryParam("maxResults", max).build(jql)));
    List<String> keys = new ArrayList<>();
    for (Iterator<JsonNode> issues = result.path("issues").elements(); issues.hasNext(); ) {
      keys.add(issues.next().path("key").asText());
    }
    return keys;
  }

  /** {@code GET /rest/api/2/issue/{key}?fields=status}: the status name. */
  public String statusName(String issueKey) {
    JsonNode issue = call("read the status of " + issueKey,
        http.get().uri("/rest/api/2/issue/{key}?fields=status", issueKey));
    return issue.path("fields").path("status").path("name").asText(null);
  }

  public void comment(String issueKey, String body) {
    call("comment on " + issueKey, http.post().uri("/rest/api/2/issue/{key}/comment", issueKey)
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("body", body)));
  }

  /** A transition available from the issue's current status. */
  public record Transition(String id, String name, String toStatusName) {}

  public List<Transition> transitions(String issueKey) {
    JsonNode result = call("read the transitions of " + issueKey,
        http.get().uri("/rest/api/2/issue/{key}/transitions", issueKey));
    List<Transition> transitions = new ArrayList<>();
    for (JsonNode transition : result.path("transitions")) {
      transitions.add(new Transition(transition.path("id").asText(), transition.path("name").asText(),
          transition.path("to").path("name").asText(null)));
    }
    return transitions;
  }

  public void transition(String issueKey, String transitionId) {
    call("move " + issueKey, http.post().uri("/rest/api/2/issue/{key}/transitions", issueKey)
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("transition", Map.of("id", transitionId))));
  }

  private JsonNode call(String what, RestClient.RequestHeadersSpec<?> request) {
    try {
      return request.exchange((req, response) -> {
        HttpStatusCode status = response.getStatusCode();
        byte[] body = response.getBody().readAllBytes();
        if (status.is2xxSuccessful()) {
          return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        }
        String detail = jiraMessages(body);
        String message = "Jira refused to " + what + ": HTTP " + status.value() + (detail.isEmpty() ? "" : " " + detail);
        if (status.is5xxServerError() || status.value() == 429) {
          throw new JiraUnavailableException(message);
        }
        if (status.value() == 401 || status.value() == 403) {
          throw new JiraRejectedException(message + " (check support.tracker.jira.user and the token's"
              + " permissions on project " + properties.projectKey() + ")");
        }
        throw new JiraRejectedException(message + " (check support.tracker.jira.project-key, issue-type and"
            + " priority-mapping against the Jira project)");
      }, true);
    } catch (ResourceAccessException e) {
      // timeouts and connection failures: the message names the host and the cause, never a header
      throw new JiraUnavailableException("Jira did not answer when asked to " + what + " at "
          + properties.baseUrl() + ": " + rootMessage(e));
    }
  }

  /** Jira's own error text ({@code errorMessages}, {@code errors}), short. */
  private String jiraMessages(byte[] body) {
    try {
      JsonNode error = json.readTree(body);
      List<String> messages = new ArrayList<>();
      error.path("errorMessages").forEach(message -> messages.add(message.asText()));
      error.path("errors").fields().forEachRemaining(field -> messages.add(field.getKey() + ": " + field.getValue().asText()));
      String text = String.join("; ", messages);
      return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
  }

  /** Jira is down, slow or overloaded: the job retries, then an incident an operator can retry. */
  public static class JiraUnavailableException extends RuntimeException {
    public JiraUnavailableException(String message) {
      super(message);
    }
  }

  /** Jira refused the request as made: configuration (credentials, project, issue type, priority) needs fixing. */
  public static class JiraRejectedException extends RuntimeException {
    public JiraRejectedException(String message) {
      super(message);
    }
  }
}
