package dev.supportdesk.escalation.queue;

/** What the case owner's steps read and write (the owner's follow-up when engineering is done). */
public final class OwnerVariables {

  /** Set when the owner's follow-up starts, so engineering's Done reached twice (Jira, then the process) is followed up once. */
  public static final String OWNER_TOLD_OF_ENGINEERING_DONE = "caseOwnerToldOfEngineeringDone";
  /** What the owner did about engineering's Done (the follow-up task's form). */
  public static final String FOLLOW_UP_NOTES = "engineeringDoneFollowUpNotes";
  public static final String CUSTOMER_INFORMED = "engineeringDoneCustomerInformed";

  public static final String TASK_TELL_OWNER = "Task_TellCaseOwnerEngineeringDone";
  public static final String TASK_FOLLOW_UP = "Task_FollowUpEngineeringDone";
  public static final String SUBPROCESS_OWNER_FOLLOWS_UP = "SubProcess_CaseOwnerFollowsUp";

  private OwnerVariables() {}
}
