package dev.supportdesk.escalation.feature;

/**
 * The variables and element ids of {@value #PROCESS_ID} (processes/FeatureRequestProcess.bpmn and the
 * forms of its tasks): the one place they are spelled in Java. What crosses the call activity is in
 * {@link FeatureRequestContract}; the customer's answer to the quote in
 * {@link dev.supportdesk.escalation.casefile.CaseMessages}.
 */
public final class FeatureRequestVariables {

  public static final String PROCESS_ID = FeatureRequestContract.PROCESS_ID;

  // "Evaluate request"
  /** {@link RequestDecision}. */
  public static final String REQUEST_DECISION = "requestDecision";
  public static final String DECISION_REASON = "decisionReason";
  // "Write detailed brief"
  public static final String FEATURE_BRIEF = "featureBrief";
  // "Scope and estimate cost", "Hold stakeholder workshop"
  public static final String FEATURE_SCOPE = "featureScope";
  /** The price quoted to the customer, greater than 0. */
  public static final String COST_ESTIMATE = "costEstimate";
  public static final String WORKSHOP_NEEDED = "workshopNeeded";
  public static final String WORKSHOP_OUTCOME = "workshopOutcome";
  // "Schedule development", "Write release notes"
  public static final String FEATURE_TARGET_RELEASE = "featureTargetRelease";
  /** e.g. 2027-Q2. */
  public static final String FEATURE_PLANNED_QUARTER = "featurePlannedQuarter";
  public static final String FEATURE_RELEASE_NOTES = "featureReleaseNotes";

  // element ids
  public static final String START_EVENT = "StartEvent_FeatureRequestReceived";
  public static final String TASK_EVALUATE_REQUEST = "Task_EvaluateRequest";
  public static final String TASK_NOTIFY_DECLINED = "Task_NotifyRequestDeclined";
  public static final String EVENT_REQUEST_DECLINED = "IntermediateThrowEvent_RequestDeclined";
  public static final String END_EVENT_DECLINED = "EndEvent_RequestDeclined";
  public static final String TASK_WRITE_BRIEF = "Task_WriteDetailedBrief";
  public static final String TASK_SCOPE_AND_ESTIMATE = "Task_ScopeAndEstimate";
  public static final String TASK_HOLD_WORKSHOP = "Task_HoldStakeholderWorkshop";
  public static final String TASK_NOTIFY_QUOTE = "Task_NotifyQuote";
  public static final String TASK_AWAIT_QUOTE_RESPONSE = "Task_AwaitQuoteResponse";
  public static final String BOUNDARY_EVENT_QUOTE_TIMED_OUT = "BoundaryEvent_QuoteTimedOut";
  public static final String END_EVENT_QUOTE_TIMED_OUT = "EndEvent_QuoteTimedOut";
  public static final String END_EVENT_QUOTE_REJECTED = "EndEvent_QuoteRejected";
  public static final String TASK_NOTIFY_ACCEPTED = "Task_NotifyRequestAccepted";
  public static final String EVENT_REQUEST_ACCEPTED = "IntermediateThrowEvent_RequestAccepted";
  public static final String TASK_SCHEDULE_DEVELOPMENT = "Task_ScheduleDevelopment";
  public static final String TASK_WRITE_RELEASE_NOTES = "Task_WriteReleaseNotes";
  public static final String END_EVENT_ACCEPTED = "EndEvent_RequestAccepted";

  public enum RequestDecision { ACCEPT, DECLINE }

  private FeatureRequestVariables() {}
}
