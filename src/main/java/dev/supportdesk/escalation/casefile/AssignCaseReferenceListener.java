package dev.supportdesk.escalation.casefile;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Gives a case started without a business key (Tasklist's start dialog leaves it optional) its
 * reference, so every case is found by the same key in Tasklist, Cockpit and message correlation.
 */
@Component("assignCaseReference")
public class AssignCaseReferenceListener implements ExecutionListener {

  private final CaseReferences references;

  public AssignCaseReferenceListener(CaseReferences references) {
    this.references = references;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    if (key == null || key.isBlank()) {
      execution.setProcessBusinessKey(references.next());
    }
  }
}
