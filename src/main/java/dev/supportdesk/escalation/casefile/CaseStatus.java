package dev.supportdesk.escalation.casefile;

/** What the customer sees of their case; never an internal step name. */
public enum CaseStatus {
  RECEIVED("Received"),
  IN_ANALYSIS("In analysis"),
  WAITING_FOR_CUSTOMER("Waiting for you"),
  WORKAROUND_AVAILABLE("Workaround available"),
  ENGINEERING_SPECIFYING("Escalated to engineering: specifying"),
  ENGINEERING_READY("Escalated to engineering: ready"),
  ENGINEERING_IN_PROGRESS("Escalated to engineering: in progress"),
  ENGINEERING_DONE("Escalated to engineering: done"),
  SOLVED_PLANNED_FOR_RELEASE("Solved: planned for release"),
  RESOLVED("Resolved"),
  CLOSED("Closed");

  private final String label;

  CaseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
