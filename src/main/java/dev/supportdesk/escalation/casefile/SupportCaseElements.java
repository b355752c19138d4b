package dev.supportdesk.escalation.casefile;

/**
 * Element ids and the process-own variables of {@value CaseVariables#PROCESS_ID}
 * (processes/SupportCaseProcess.bpmn). The Tier 1 tasks' variables are in
 * {@link dev.supportdesk.escalation.tier1.Tier1Variables}.
 */
public final class SupportCaseElements {

  public static final String DECISION_CASE_PRIORITY = "CasePriority";

  /**
   * True once a called process (feature request) solved the case through its escalation while it
   * goes on running, so its completion does not propose a resolution a second time.
   */
  public static final String CASE_SOLVED_EARLY = "caseSolvedEarly";

  public static final String START_CASE_RECEIVED = "StartEvent_CaseReceived";
  /** Splits the receipt mail off the case's way, so a mail server outage never holds a case back. */
  public static final String GATEWAY_CASE_RECEIVED_FORK = "Gateway_CaseReceivedFork";
  public static final String TASK_NOTIFY_CASE_RECEIVED = "Task_NotifyCaseReceived";
  public static final String END_CUSTOMER_NOTIFIED_OF_RECEIPT = "EndEvent_CustomerNotifiedOfReceipt";
  public static final String TASK_DETERMINE_PRIORITY = "Task_DeterminePriority";
  public static final String GATEWAY_TIER1_OUTCOME = "Gateway_Tier1Outcome";
  public static final String CALL_TIER2_INVESTIGATION = "CallActivity_Tier2Investigation";
  public static final String TASK_SANITISE_ENGINEERING_HAND_OFF = "Task_SanitiseEngineeringHandOff";
  public static final String CALL_ENGINEERING = "CallActivity_Engineering";
  public static final String BOUNDARY_SOLVED_PLANNED_FOR_RELEASE = "BoundaryEvent_SolvedPlannedForRelease";
  public static final String TASK_NOTIFY_SOLVED_PLANNED_FOR_RELEASE = "Task_NotifySolvedPlannedForRelease";
  public static final String CALL_FEATURE_REQUEST = "CallActivity_FeatureRequest";
  public static final String BOUNDARY_FEATURE_REQUEST_DECIDED = "BoundaryEvent_FeatureRequestDecided";
  public static final String GATEWAY_RESOLUTION_MERGE = "Gateway_ResolutionMerge";
  public static final String TASK_NOTIFY_RESOLUTION_PROPOSED = "Task_NotifyResolutionProposed";
  public static final String EVENT_RESOLUTION_RESPONSE_RECEIVED = "Event_ResolutionResponseReceived";
  public static final String EVENT_AUTO_CLOSE_ELAPSED = "Event_AutoCloseElapsed";
  public static final String TASK_NOTIFY_CASE_REOPENED = "Task_NotifyCaseReopened";
  public static final String TASK_NOTIFY_CASE_CLOSED = "Task_NotifyCaseClosed";
  public static final String END_CASE_CLOSED = "EndEvent_CaseClosed";
  public static final String END_CASE_CLOSED_WITHOUT_REPLY = "EndEvent_CaseClosedWithoutReply";
  public static final String END_SCHEDULED_FIX_RELEASED = "EndEvent_ScheduledFixReleased";
  public static final String END_FEATURE_REQUEST_COMPLETED = "EndEvent_FeatureRequestCompleted";

  private SupportCaseElements() {}
}
