package dev.supportdesk.escalation.problem;

/**
 * Variables, element ids and messages of "one problem, many cases": a support case linked to an engineering
 * ticket another case opened waits on that ticket instead of starting its own engineering run.
 */
public final class ProblemVariables {

  /** Analyse case at Tier 1 (task-local): the open engineering tickets that match the case, one per line. */
  public static final String TICKET_SUGGESTIONS = "openTicketSuggestions";
  /** Analyse case at Tier 1 (the agent's input, outcome LINK_TO_TICKET): the ticket to link, "ENG-12". */
  public static final String LINKED_TICKET = "linkedTicket";
  /** How the linked ticket left engineering: {@link Settlement}; set when the case stops waiting on it. */
  public static final String LINKED_TICKET_OUTCOME = "linkedTicketOutcome";
  /** The linked ticket's status when the case was linked, as the customer reads it ("Ready"). */
  public static final String LINKED_TICKET_STATUS = "linkedTicketStatus";
  /** Follow linked engineering ticket (the agent's input): why the case no longer waits on the ticket. */
  public static final String UNLINK_REASON = "unlinkReason";
  /** Linked case notice: the kind of mail a linked case's customer receives. */
  public static final String NOTICE_KIND = "linkedNoticeKind";

  public static final String TASK_FOLLOW_LINKED_TICKET = "Task_FollowLinkedTicket";
  public static final String TASK_NOTIFY_LINKED_TO_KNOWN_ISSUE = "Task_NotifyLinkedToKnownIssue";
  public static final String EVENT_LINKED_TICKET_SETTLED = "BoundaryEvent_LinkedTicketSettled";

  /** Correlated to every linked case that waits when the ticket's lead case leaves engineering. */
  public static final String MESSAGE_LINKED_TICKET_SETTLED = "LinkedTicketSettled";

  /** The process that tells one linked case's customer one status of the ticket. */
  public static final String NOTICE_PROCESS_ID = "LinkedCaseNoticeProcess";

  /** What lets a linked case go on: its customer is told what the lead case's customer is told. */
  public enum Settlement { HOTFIX_RELEASED, SOLVED_PLANNED_FOR_RELEASE }

  private ProblemVariables() {}
}
