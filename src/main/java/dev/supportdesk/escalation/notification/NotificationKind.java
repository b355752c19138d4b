package dev.supportdesk.escalation.notification;

/**
 * Every kind of message the customer receives. Diagrams name the kind in the input parameter
 * {@code notificationKind} of a "Notify customer" service task.
 */
public enum NotificationKind {
  CASE_RECEIVED("We received your case"),
  INFORMATION_REQUESTED("We need more information"),
  INFORMATION_REMINDER("Reminder: we are waiting for your information"),
  CLOSED_WITHOUT_REPLY("Your case was closed without your reply"),
  WORKAROUND_AVAILABLE("A workaround is available"),
  ESCALATED_TO_ENGINEERING("Your case was escalated to engineering"),
  LINKED_TO_KNOWN_ISSUE("Your case is linked to a known issue"),
  ENGINEERING_SPECIFYING("Engineering: specifying"),
  ENGINEERING_READY("Engineering: ready"),
  ENGINEERING_IN_PROGRESS("Engineering: in progress"),
  ENGINEERING_DONE("Engineering: done"),
  SOLVED_PLANNED_FOR_RELEASE("Solved: the fix is planned for a release"),
  FIX_RELEASED("The fix was released"),
  FEATURE_REQUEST_ACCEPTED("Your feature request was accepted"),
  FEATURE_REQUEST_DECLINED("Your feature request was declined"),
  FEATURE_REQUEST_QUOTE("Scope and estimate for your request"),
  RESOLUTION_PROPOSED("Resolution of your case"),
  CASE_REOPENED("Your case was reopened"),
  SUPPORT_REPLY("Our answer to your message"),
  CASE_CLOSED("Your case is closed"),
  /** Not about a case: a follower of the release notes hears of a posted note ("RN-12" in the subject). */
  RELEASE_NOTES_POSTED("New release notes");

  private final String subject;

  NotificationKind(String subject) {
    this.subject = subject;
  }

  public String subject() {
    return subject;
  }

  /**
   * A status of the engineering ticket: told once per engineering run, whichever step reaches the
   * status first (the process's own move, or the tracker reporting an engineer's move in Jira).
   */
  public boolean isTicketStatus() {
    return this == ENGINEERING_SPECIFYING || this == ENGINEERING_READY || this == ENGINEERING_IN_PROGRESS
        || this == ENGINEERING_DONE;
  }
}
