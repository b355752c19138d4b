package dev.supportdesk.escalation.tracker.jira;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.tracker.TicketStatus;
import dev.supportdesk.escalation.tracker.jira.JiraTickets.JiraTicket;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;

/**
 * One way in for Jira's statuses, from the webhook and from polling alike: maps the status, drops what is
 * not news (unknown issue, unmapped status, a repeat, an event older than the last one followed, a move
 * backwards that is not an allowed reopen) and correlates {@value CaseMessages#TRACKER_STATUS_CHANGED} with
 * {@value CaseMessages#TRACKER_STATUS} to the case's engineering process, in one transaction with the
 * recorded status.
 */
public class JiraStatusSync {

  public enum Outcome { FOLLOWED, REPEATED, STALE, BACKWARDS, UNMAPPED_STATUS, UNKNOWN_ISSUE }

  private static final Logger LOG = LoggerFactory.getLogger(JiraStatusSync.class);

  private final JiraTickets tickets;
  private final JiraProperties properties;
  private final RuntimeService runtime;

  public JiraStatusSync(JiraTickets tickets, JiraProperties properties, RuntimeService runtime) {
    this.tickets = tickets;
    this.properties = properties;
    this.runtime = runtime;
  }

  @Transactional
  public Outcome report(String issueKey, String jiraStatusName, Instant reportedAt) {
    Optional<JiraTicket> known = tickets.find(issueKey);
    if (known.isEmpty()) {
      LOG.info("Jira issue {} is not an engineering ticket of a case: status '{}' ignored", issueKey, jiraStatusName);
      return Outcome.UNKNOWN_ISSUE;
    }
    JiraTicket ticket = known.get();
    TicketStatus status = properties.ticketStatus(jiraStatusName);
    if (status == null) {
      LOG.warn("Jira issue {} (case {}): status '{}' is not in support.tracker.jira.status-mapping, ignored",
          issueKey, ticket.caseReference(), jiraStatusName);
      return Outcome.UNMAPPED_STATUS;
    }
    if (reportedAt.isBefore(ticket.statusChangedAt())) {
      LOG.info("Jira issue {}: '{}' of {} is older than the status followed, ignored", issueKey, jiraStatusName,
          reportedAt);
      return Outcome.STALE;
    }
    if (status == ticket.status()) {
      return Outcome.REPEATED;
    }
    if (!properties.follows(ticket.status(), status)) {
      LOG.info("Jira issue {}: {} after {} would move the case backwards, ignored", issueKey, status, ticket.status());
      return Outcome.BACKWARDS;
    }
    if (!tickets.compareAndSetStatus(ticket, status, reportedAt)) {
      return Outcome.STALE;
    }
    int waiting = runtime.createMessageCorrelation(CaseMessages.TRACKER_STATUS_CHANGED)
        .processInstanceBusinessKey(ticket.caseReference())
        .processInstanceVariableEquals(EngineeringContract.TICKET_KEY, issueKey)
        .setVariable(CaseMessages.TRACKER_STATUS, status.name())
        .correlateAllWithResult().size();
    LOG.info("Jira issue {} (case {}) is now {}: {} engineering process(es) told", issueKey, ticket.caseReference(),
        status, waiting);
    return Outcome.FOLLOWED;
  }
}
