package dev.supportdesk.escalation.tracker.jira;

import dev.supportdesk.escalation.tracker.EngineeringTracker;
import dev.supportdesk.escalation.tracker.TicketStatus;
import dev.supportdesk.escalation.tracker.jira.JiraClient.Transition;
import dev.supportdesk.escalation.tracker.jira.JiraTickets.JiraTicket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engineering tickets as Jira issues ({@code support.tracker.type=jira}). Opening runs in the retried job
 * of "Open engineering ticket" and never creates a second issue for the same step: it looks in
 * {@link JiraTickets} first, then searches Jira for the step's labels (an issue created by an attempt whose
 * job rolled back), and only then creates the issue, whose key it commits at once.
 */
public class JiraTracker implements EngineeringTracker {

  public static final String TYPE = "jira";
  /** Label of every issue the application opens; the dedup label is {@value #DEDUP_LABEL_PREFIX} + hash. */
  public static final String APPLICATION_LABEL = "support-escalation";
  public static final String DEDUP_LABEL_PREFIX = "support-step-";

  private static final Logger LOG = LoggerFactory.getLogger(JiraTracker.class);

  private final JiraClient jira;
  private final JiraTickets tickets;
  private final JiraProperties properties;
  private final Clock clock;

  public JiraTracker(JiraClient jira, JiraTickets tickets, JiraProperties properties, Clock clock) {
    this.jira = jira;
    this.tickets = tickets;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Ticket open(NewTicket request) {
    Optional<JiraTicket> known = tickets.openedBy(request.caseReference(), request.dedupKey());
    if (known.isPresent()) {
      return ticket(known.get(), request);
    }
    String dedupLabel = dedupLabel(request.dedupKey());
    List<String> found = jira.search("project = \"" + properties.projectKey() + "\" AND labels = \""
        + caseLabel(request.caseReference()) + "\" AND labels = \"" + dedupLabel + "\" ORDER BY created ASC", 2);
    String key;
    if (!found.isEmpty()) {
      key = found.get(0);
      LOG.info("Case {}: Jira issue {} was created by an earlier attempt of this step, not creating another",
          request.caseReference(), key);
    } else {
      key = jira.createIssue(fields(request, dedupLabel));
      LOG.info("Case {}: Jira issue {} created", request.caseReference(), key);
    }
    return ticket(tickets.remember(key, request.caseReference(), request.dedupKey(), clock.instant()), request);
  }

  Map<String, Object> fields(NewTicket request, String dedupLabel) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project", Map.of("key", properties.projectKey()));
    fields.put("issuetype", Map.of("name", properties.issueType()));
    fields.put("summary", oneLine(request.summary(), 255));
    fields.put("description", request.description() == null ? "" : request.description());
    String priority = properties.jiraPriority(request.priority());
    if (priority != null) {
      fields.put("priority", Map.of("name", priority));
    }
    fields.put("labels", List.of(caseLabel(request.caseReference()), APPLICATION_LABEL, dedupLabel));
    return fields;
  }

  /**
   * Moves the issue forward through the first transition Jira offers to a status mapped to {@code status}.
   * An issue already there or further on stays where it is (engineers may be ahead of the process); a
   * workflow without such a transition is logged, not failed: the Jira workflow belongs to engineering.
   */
  @Override
  public Ticket move(String ticketKey, TicketStatus status) {
    JiraTicket known = tickets.find(ticketKey).orElseThrow(() -> new TicketNotFoundException(ticketKey));
    TicketStatus current = currentStatus(ticketKey);
    if (current != null && current.compareTo(status) >= 0) {
      return ticket(known, null);
    }
    Optional<Transition> transition = jira.transitions(ticketKey).stream()
        .filter(candidate -> properties.ticketStatus(candidate.toStatusName()) == status)
        .findFirst();
    if (transition.isEmpty()) {
      LOG.warn("Jira issue {}: no transition leads to a status mapped to {}; left in its status", ticketKey, status);
      return ticket(known, null);
    }
    jira.transition(ticketKey, transition.get().id());
    tickets.updateStatus(ticketKey, status, clock.instant());
    return ticket(tickets.find(ticketKey).orElseThrow(), null);
  }

  @Override
  public TicketStatus status(String ticketKey) {
    TicketStatus status = currentStatus(ticketKey);
    if (status == null) {
      throw new IllegalStateException("Jira issue " + ticketKey + " has status '" + jira.statusName(ticketKey)
          + "', which support.tracker.jira.status-mapping does not map");
    }
    return status;
  }

  @Override
  public void comment(String ticketKey, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A comment needs text");
    }
    jira.comment(ticketKey, text);
  }

  private TicketStatus currentStatus(String ticketKey) {
    return properties.ticketStatus(jira.statusName(ticketKey));
  }

  private Ticket ticket(JiraTicket row, NewTicket request) {
    return new Ticket(row.issueKey(), row.caseReference(), request == null ? null : request.summary(),
        request == null ? null : request.description(), request == null ? null : request.priority(),
        request == null ? null : request.severity(), row.status(), row.createdAt(), row.statusChangedAt());
  }

  /** Labels cannot hold spaces; case references never do, but a stray one must not break the JQL. */
  public static String caseLabel(String caseReference) {
    return caseReference.strip().replaceAll("[\\s\"\\\\]+", "_");
  }

  /** A stable label naming the step that opens the ticket: retries of the step have the same one. */
  public static String dedupLabel(String dedupKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(dedupKey.getBytes(StandardCharsets.UTF_8));
      return DEDUP_LABEL_PREFIX + HexFormat.of().formatHex(hash, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String oneLine(String text, int max) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }
}
