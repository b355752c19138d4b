package dev.supportdesk.escalation.support;

import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Process-test stand-in for bean {@code caseStatus}: records each status a diagram enters. */
public class RecordingCaseStatus extends CaseStatusTracker {

  private final List<CaseStatus> entered = new ArrayList<>();

  public RecordingCaseStatus() {
    super(null);
  }

  @Override
  public void enter(DelegateExecution execution, String status) {
    entered.add(CaseStatus.valueOf(status));
  }

  public List<CaseStatus> entered() {
    return List.copyOf(entered);
  }

  public CaseStatus current() {
    return entered.isEmpty() ? null : entered.get(entered.size() - 1);
  }
}
