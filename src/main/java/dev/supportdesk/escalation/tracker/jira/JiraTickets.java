package dev.supportdesk.escalation.tracker.jira;

import dev.supportdesk.escalation.tracker.TicketStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Table jira_ticket (migration V2026112540): which Jira issue belongs to which case, and its followed status. */
public class JiraTickets {

  public record JiraTicket(String issueKey, String caseReference, String dedupKey, TicketStatus status,
      Instant statusChangedAt, Instant createdAt) {}

  private static final RowMapper<JiraTicket> ROWS = (rs, n) -> new JiraTicket(rs.getString("issue_key"),
      rs.getString("case_reference"), rs.getString("dedup_key"), TicketStatus.valueOf(rs.getString("status")),
      rs.getTimestamp("status_changed_at").toInstant(), rs.getTimestamp("created_at").toInstant());

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public JiraTickets(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public Optional<JiraTicket> find(String issueKey) {
    return jdbc.query("SELECT * FROM jira_ticket WHERE issue_key = ?", ROWS, issueKey).stream().findFirst();
  }

  public Optional<JiraTicket> openedBy(String caseReference, String dedupKey) {
    return jdbc.query("SELECT * FROM jira_ticket WHERE case_reference = ? AND dedup_key = ?", ROWS,
        caseReference, dedupKey).stream().findFirst();
  }

  public List<JiraTicket> forCase(String caseReference) {
    return jdbc.query("SELECT * FROM jira_ticket WHERE case_reference = ? ORDER BY created_at", ROWS, caseReference);
  }

  /**
   * Remembers an issue Jira created, committed at once in its own transaction: when the job that asked
   * for it rolls back later, its retry still finds the issue here instead of creating a second one.
   */
  public JiraTicket remember(String issueKey, String caseReference, String dedupKey, Instant now) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update(
          "INSERT INTO jira_ticket (issue_key, case_reference, dedup_key, status, status_changed_at, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          issueKey, caseReference, dedupKey, TicketStatus.SPECIFYING.name(), Timestamp.from(now), Timestamp.from(now)));
    } catch (DuplicateKeyException alreadyRemembered) {
      // a concurrent retry of the same step got here first: its row names the issue
    }
    return find(issueKey).or(() -> openedBy(caseReference, dedupKey)).orElseThrow();
  }

  /** Records the status the process moved the issue to. */
  public void updateStatus(String issueKey, TicketStatus status, Instant at) {
    jdbc.update("UPDATE jira_ticket SET status = ?, status_changed_at = ? WHERE issue_key = ?",
        status.name(), Timestamp.from(at), issueKey);
  }

  /**
   * Records a reported status only if the row is still as {@code seen} was read: of two nodes handling
   * the same event at the same moment, exactly one wins and follows it.
   */
  public boolean compareAndSetStatus(JiraTicket seen, TicketStatus status, Instant reportedAt) {
    return jdbc.update("UPDATE jira_ticket SET status = ?, status_changed_at = ? WHERE issue_key = ?"
            + " AND status = ? AND status_changed_at = ?", status.name(), Timestamp.from(reportedAt),
        seen.issueKey(), seen.status().name(), Timestamp.from(seen.statusChangedAt())) == 1;
  }
}
