package dev.supportdesk.escalation.engineering;

import dev.supportdesk.escalation.casefile.CaseVariables;

/**
 * The variables and element ids of {@value #PROCESS_ID} (processes/EngineeringProcess.bpmn, forms of its
 * tasks, decision processes/DefectSeverity.dmn): the one place they are spelled in Java. What crosses
 * the call activity is in {@link EngineeringContract}.
 */
public final class EngineeringVariables {

  public static final String PROCESS_ID = EngineeringContract.PROCESS_ID;
  public static final String DECISION_DEFECT_SEVERITY = "DefectSeverity";

  // "Confirm defect"
  public static final String DEFECT_REPRODUCED = "defectReproduced";
  public static final String DEFECT_CONFIRMED = "defectConfirmed";
  public static final String CONFIRMATION_NOTES = "confirmationNotes";
  // inputs of DefectSeverity, asked when the defect is confirmed
  /** {@link BusinessImpact}. */
  public static final String BUSINESS_IMPACT = "businessImpact";
  public static final String DATA_LOSS = "dataLoss";
  public static final String SECURITY_CONCERN = "securityConcern";
  public static final String WORKAROUND_AVAILABLE = "workaroundAvailable";
  /** {@link AffectedUsers}. */
  public static final String AFFECTED_USERS = "affectedUsers";

  // "Evaluate defect" (DefectSeverity) and "Triage defect"
  public static final String RECOMMENDED_SEVERITY = "recommendedSeverity";
  /** {@link Severity}: the decision's recommendation, confirmed or overridden at triage. */
  public static final String SEVERITY = CaseVariables.SEVERITY;
  /** Working days to resolve, at most; none for an enhancement. */
  public static final String RESOLUTION_TARGET_DAYS = "resolutionTargetDays";
  public static final String SEVERITY_OVERRIDE_REASON = "severityOverrideReason";
  /** User id of the developer who fixes the defect. */
  public static final String DEVELOPER = "developer";
  /** {@link ReleasePath}. */
  public static final String RELEASE_PATH = "releasePath";
  public static final String TARGET_RELEASE = "targetRelease";

  // "Schedule fix into release"
  /** e.g. 2027-Q1. */
  public static final String PLANNED_QUARTER = "plannedQuarter";

  // "Develop fix", "Test fix on staging", "Verify fix"
  public static final String FIX_DESCRIPTION = "fixDescription";
  public static final String STAGING_BUILD = "stagingBuild";
  public static final String STAGING_TEST_NOTES = "stagingTestNotes";
  public static final String FIX_VERIFIED = "fixVerified";
  public static final String VERIFICATION_NOTES = "verificationNotes";

  // "Release fix", "Monitor release"
  public static final String RELEASE_VERSION = "releaseVersion";
  public static final String APP_UPDATE_REQUIRED = "appUpdateRequired";
  /** The release-notes entry, also what the customer is told when a scheduled release ships. */
  public static final String RELEASE_NOTES = EngineeringContract.RELEASE_NOTES;
  public static final String REGRESSION_FOUND = "regressionFound";
  public static final String MONITORING_NOTES = "monitoringNotes";

  // event sub-process "Ticket moved in tracker" (Jira webhook or polling; message TrackerStatusChanged)
  /** The ticket status the case follows: set by the process's own moves and by the tracker's reports. */
  public static final String FOLLOWED_TICKET_STATUS = "followedTicketStatus";
  /** Local to the event sub-process: the NotificationKind to send, or null when the status is not news. */
  public static final String TRACKER_NOTIFICATION_KIND = "trackerNotificationKind";

  // element ids
  public static final String START_EVENT = "StartEvent_DefectEscalated";
  public static final String TASK_NOTIFY_ESCALATED = "Task_NotifyEscalatedToEngineering";
  public static final String TASK_CONFIRM_DEFECT = "Task_ConfirmDefect";
  public static final String END_EVENT_NOT_A_DEFECT = "EndEvent_NotADefect";
  public static final String TASK_OPEN_TICKET = "Task_OpenEngineeringTicket";
  public static final String TASK_MOVE_TICKET_TO_SPECIFYING = "Task_MoveTicketToSpecifying";
  public static final String TASK_NOTIFY_SPECIFYING = "Task_NotifyEngineeringSpecifying";
  public static final String TASK_EVALUATE_DEFECT = "Task_EvaluateDefect";
  public static final String TASK_TRIAGE_DEFECT = "Task_TriageDefect";
  public static final String TASK_MOVE_TICKET_TO_READY = "Task_MoveTicketToReady";
  public static final String TASK_NOTIFY_READY = "Task_NotifyEngineeringReady";
  public static final String GATEWAY_RELEASE_PATH = "Gateway_ReleasePath";
  public static final String TASK_MOVE_HOTFIX_TICKET_TO_IN_PROGRESS = "Task_MoveHotfixTicketToInProgress";
  public static final String TASK_NOTIFY_IN_PROGRESS = "Task_NotifyEngineeringInProgress";
  public static final String EVENT_SOLVED_PLANNED_FOR_RELEASE = "IntermediateThrowEvent_SolvedPlannedForRelease";
  public static final String TASK_SCHEDULE_FIX = "Task_ScheduleFixIntoRelease";
  public static final String TASK_MOVE_SCHEDULED_TICKET_TO_IN_PROGRESS = "Task_MoveScheduledTicketToInProgress";
  public static final String TASK_NOTIFY_SCHEDULED_IN_PROGRESS = "Task_NotifyScheduledInProgress";
  public static final String TASK_DEVELOP_FIX = "Task_DevelopFix";
  public static final String TASK_TEST_ON_STAGING = "Task_TestFixOnStaging";
  public static final String TASK_VERIFY_FIX = "Task_VerifyFix";
  public static final String TASK_RELEASE_FIX = "Task_ReleaseFix";
  public static final String TASK_MONITOR_RELEASE = "Task_MonitorRelease";
  public static final String TASK_MOVE_HOTFIX_TICKET_TO_DONE = "Task_MoveHotfixTicketToDone";
  public static final String TASK_NOTIFY_HOTFIX_DONE = "Task_NotifyHotfixEngineeringDone";
  public static final String END_EVENT_HOTFIX_RELEASED = "EndEvent_HotfixReleased";
  public static final String TASK_NOTIFY_FIX_RELEASED = "Task_NotifyFixReleased";
  public static final String TASK_MOVE_SCHEDULED_TICKET_TO_DONE = "Task_MoveScheduledTicketToDone";
  public static final String TASK_NOTIFY_SCHEDULED_DONE = "Task_NotifyScheduledEngineeringDone";
  public static final String END_EVENT_SCHEDULED_RELEASED = "EndEvent_ScheduledReleased";
  public static final String SUB_PROCESS_TRACKER_STATUS_CHANGED = "SubProcess_TrackerStatusChanged";
  public static final String START_EVENT_TRACKER_STATUS_CHANGED = "StartEvent_TrackerStatusChanged";
  public static final String TASK_FOLLOW_TRACKER_STATUS = "Task_FollowTrackerStatus";
  public static final String TASK_NOTIFY_TRACKER_STATUS = "Task_NotifyTrackerStatus";
  public static final String END_EVENT_TRACKER_STATUS_FOLLOWED = "EndEvent_TrackerStatusFollowed";
  public static final String END_EVENT_TRACKER_STATUS_KNOWN = "EndEvent_TrackerStatusKnown";

  /** How badly the defect hurts the customer's business. */
  public enum BusinessImpact { HALTED, DEGRADED, MINOR, NONE }

  public enum AffectedUsers { ALL, MANY, FEW, ONE }

  /** Outputs of DefectSeverity; resolution targets in the decision table. */
  public enum Severity { ENHANCEMENT, LOW, MEDIUM, HIGH, SEVERE }

  /** HOTFIX: the case stays open until the fix is live. SCHEDULED_RELEASE: the case is solved now. */
  public enum ReleasePath { HOTFIX, SCHEDULED_RELEASE }

  private EngineeringVariables() {}
}
