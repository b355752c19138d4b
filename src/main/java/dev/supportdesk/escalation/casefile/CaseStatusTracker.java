package dev.supportdesk.escalation.casefile;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves a case's customer-facing status. Diagrams call it from execution listeners:
 * {@code <camunda:executionListener expression="${caseStatus.enter(execution, 'IN_ANALYSIS')}" event="start"/>}.
 * The status is stored on the case's root process instance (the SupportCaseProcess, also when a called
 * process such as engineering moves it) as variable {@value #VARIABLE}, and appended to the case's
 * status history in the same transaction.
 */
@Component("caseStatus")
public class CaseStatusTracker {

  /**
   * Never the bean's name: expressions resolve process variables before beans, so a variable called
   * "caseStatus" would hide this bean from the next {@code ${caseStatus.enter(...)}} of the same case.
   */
  public static final String VARIABLE = "customerStatus";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public CaseStatusTracker(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  public void enter(DelegateExecution execution, String status) {
    CaseStatus next = CaseStatus.valueOf(status);
    DelegateExecution root = rootProcessInstance(execution);
    Object current = root.getVariable(VARIABLE);
    // CLOSED is final for the customer: a called process that goes on after closure (engineering shipping a
    // scheduled release) must not show a closed case as "Escalated to engineering: done" again
    if (next.name().equals(current) || CaseStatus.CLOSED.name().equals(current)) {
      return;
    }
    root.setVariable(VARIABLE, next.name());
    jdbc.update("INSERT INTO case_status_history (id, case_reference, status, process_key, activity_id, entered_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), execution.getProcessBusinessKey(), next.name(),
        execution.getProcessDefinitionId() == null ? null : execution.getProcessDefinitionId().split(":")[0],
        execution.getCurrentActivityId(), Timestamp.from(clock.instant()));
  }

  /**
   * Moves the status of a case from outside its own processes: the engineering ticket it is linked to (and
   * waits on) moved in another case's engineering run.
   *
   * @param caseProcessInstanceId the case's running SupportCaseProcess instance
   */
  public void enter(RuntimeService runtime, String caseProcessInstanceId, String caseReference, CaseStatus next,
      String processKey, String activityId) {
    Object current = runtime.getVariable(caseProcessInstanceId, VARIABLE);
    if (next.name().equals(current) || CaseStatus.CLOSED.name().equals(current)) {
      return;
    }
    runtime.setVariable(caseProcessInstanceId, VARIABLE, next.name());
    jdbc.update("INSERT INTO case_status_history (id, case_reference, status, process_key, activity_id, entered_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), caseReference, next.name(), processKey, activityId, Timestamp.from(clock.instant()));
  }

  public record Entry(CaseStatus status, java.time.Instant enteredAt) {}

  /** Whether the customer was told the case is closed (a called process may still be running). */
  public boolean isClosed(String caseReference) {
    List<Entry> history = history(caseReference);
    return !history.isEmpty() && history.get(history.size() - 1).status() == CaseStatus.CLOSED;
  }

  public List<Entry> history(String caseReference) {
    return jdbc.query("SELECT status, entered_at FROM case_status_history WHERE case_reference = ?"
            + " ORDER BY entered_at, id",
        (rs, n) -> new Entry(CaseStatus.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant()),
        caseReference);
  }

  /** Walks up call activities to the case's top-level process instance. */
  public static DelegateExecution rootProcessInstance(DelegateExecution execution) {
    ExecutionEntity current = ((ExecutionEntity) execution).getProcessInstance();
    while (current.getSuperExecution() != null) {
      current = current.getSuperExecution().getProcessInstance();
    }
    return current;
  }
}
