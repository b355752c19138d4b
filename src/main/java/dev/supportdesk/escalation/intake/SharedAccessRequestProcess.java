package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.casefile.CaseVariables;

/**
 * Names of processes/SharedAccessRequestProcess.bpmn: an organisation member asks that every member
 * may read all of the organisation's cases; a Tier 2 lead approves or refuses. The business key is the
 * request id.
 */
public final class SharedAccessRequestProcess {

  public static final String PROCESS_ID = "SharedAccessRequestProcess";

  // variables
  public static final String REQUEST_ID = "sharedAccessRequestId";
  public static final String ORGANISATION_ID = CaseVariables.ORGANISATION_ID;
  public static final String ORGANISATION_NAME = CaseVariables.ORGANISATION_NAME;
  public static final String REQUESTED_BY = "requestedBy";
  public static final String REQUESTED_BY_NAME = "requestedByName";
  public static final String REASON = "sharedAccessReason";
  /** {@link Decision} by name, set by the lead's form. */
  public static final String DECISION = "sharedAccessDecision";
  public static final String DECISION_NOTE = "sharedAccessDecisionNote";
  /** The user who completed the review (set by the review's complete listener). */
  public static final String DECIDED_BY = "sharedAccessDecidedBy";

  // elements
  public static final String TASK_REVIEW = "Task_ReviewSharedAccess";
  public static final String TASK_GRANT = "Task_GrantSharedAccess";
  public static final String TASK_RECORD_REFUSAL = "Task_RecordRefusal";
  public static final String END_GRANTED = "EndEvent_SharedAccessGranted";
  public static final String END_REFUSED = "EndEvent_SharedAccessRefused";

  public static final int NOTE_MAX = 2000;

  public enum Decision { APPROVED, REFUSED }

  private SharedAccessRequestProcess() {}
}
