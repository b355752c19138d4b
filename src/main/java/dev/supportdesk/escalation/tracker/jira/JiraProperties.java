package dev.supportdesk.escalation.tracker.jira;

import dev.supportdesk.escalation.tracker.TicketStatus;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.tracker.jira.*}, read when {@code support.tracker.type=jira}. Every key can come from the
 * environment ({@code SUPPORT_TRACKER_JIRA_BASE_URL}, {@code SUPPORT_TRACKER_JIRA_TOKEN}, ...).
 *
 * @param baseUrl e.g. https://acme.atlassian.net (Cloud) or https://jira.acme.example (Data Center)
 * @param user Jira Cloud: the account's e-mail, sent with {@code token} as HTTP Basic. Empty: the token is
 *     a Data Center personal access token, sent as {@code Authorization: Bearer}
 * @param token API token (Cloud) or personal access token (Data Center); never logged
 * @param projectKey the project issues are created in, e.g. SUP
 * @param issueType e.g. Bug
 * @param searchPath Jira Data Center and older Cloud sites: /rest/api/2/search; Jira Cloud since 2025:
 *     /rest/api/2/search/jql
 * @param priorityMapping case priority (P0..P3) to Jira priority name; merged over Highest/High/Medium/Low
 * @param statusMapping Jira status name (any letter case) to ticket status; merged over the defaults of
 *     Jira's standard workflows
 * @param reopenTo statuses a DONE ticket may go back to (a regression); every other backward move is ignored
 * @param webhookSecret shared secret of the webhook: HMAC-SHA256 key (Cloud, X-Hub-Signature) or token
 *     (Data Center, query parameter or header {@value JiraWebhookController#SECRET_HEADER})
 * @param pollInterval how often open tickets' statuses are read, catching up on missed webhooks
 */
@ConfigurationProperties(prefix = "support.tracker.jira")
public record JiraProperties(
    URI baseUrl,
    String user,
    String token,
    String projectKey,
    String issueType,
    String searchPath,
    Duration connectTimeout,
    Duration readTimeout,
    Map<String, String> priorityMapping,
    Map<String, TicketStatus> statusMapping,
    List<TicketStatus> reopenTo,
    String webhookSecret,
    Duration pollInterval) {

  public static final Map<String, String> DEFAULT_PRIORITIES =
      Map.of("P0", "Highest", "P1", "High", "P2", "Medium", "P3", "Low");

  public static final Map<String, TicketStatus> DEFAULT_STATUSES = defaultStatuses();

  public JiraProperties {
    issueType = blank(issueType) ? "Bug" : issueType.strip();
    searchPath = blank(searchPath) ? "/rest/api/2/search" : searchPath.strip();
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
    Map<String, String> priorities = new LinkedHashMap<>(DEFAULT_PRIORITIES);
    if (priorityMapping != null) {
      priorityMapping.forEach((priority, name) -> priorities.put(priority.strip().toUpperCase(Locale.ROOT), name));
    }
    priorityMapping = Map.copyOf(priorities);
    Map<String, TicketStatus> statuses = new LinkedHashMap<>(DEFAULT_STATUSES);
    if (statusMapping != null) {
      statusMapping.forEach((name, status) -> statuses.put(normalise(name), status));
    }
    statusMapping = Map.copyOf(statuses);
    reopenTo = reopenTo == null ? List.of(TicketStatus.IN_PROGRESS) : List.copyOf(reopenTo);
    pollInterval = pollInterval == null ? Duration.ofMinutes(15) : pollInterval;
  }

  /** The ticket status of a Jira status name, or null when the mapping does not know it. */
  public TicketStatus ticketStatus(String jiraStatusName) {
    return jiraStatusName == null ? null : statusMapping.get(normalise(jiraStatusName));
  }

  /** The Jira priority name of a case priority, or null (the project's default priority). */
  public String jiraPriority(String casePriority) {
    return casePriority == null ? null : priorityMapping.get(casePriority.strip().toUpperCase(Locale.ROOT));
  }

  /** Whether {@code reported} is news after {@code followed}: forward, or an allowed reopen of a DONE ticket. */
  public boolean follows(TicketStatus followed, TicketStatus reported) {
    if (followed == null) {
      return true;
    }
    if (reported.compareTo(followed) > 0) {
      return true;
    }
    return followed == TicketStatus.DONE && reported != TicketStatus.DONE && reopenTo.contains(reported);
  }

  /** Never the token or the webhook secret. */
  @Override
  public String toString() {
    return "JiraProperties[baseUrl=" + baseUrl + ", user=" + user + ", token=" + (blank(token) ? "" : "****")
        + ", projectKey=" + projectKey + ", issueType=" + issueType + ", searchPath=" + searchPath + "]";
  }

  static String normalise(String statusName) {
    return statusName.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static Map<String, TicketStatus> defaultStatuses() {
    Map<String, TicketStatus> statuses = new LinkedHashMap<>();
    for (String name : List.of("To Do", "Open", "Backlog", "New")) {
      statuses.put(normalise(name), TicketStatus.SPECIFYING);
    }
    for (String name : List.of("Selected for Development", "Ready", "Ready for Development")) {
      statuses.put(normalise(name), TicketStatus.READY);
    }
    for (String name : List.of("In Progress", "In Review", "Reopened")) {
      statuses.put(normalise(name), TicketStatus.IN_PROGRESS);
    }
    for (String name : List.of("Done", "Closed", "Resolved")) {
      statuses.put(normalise(name), TicketStatus.DONE);
    }
    return Map.copyOf(statuses);
  }
}
