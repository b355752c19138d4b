package dev.supportdesk.escalation.tier2;

/**
 * Variables and element ids of {@value Tier2Contract#PROCESS_ID} (processes/Tier2InvestigationProcess.bpmn).
 * What the support case reads back is in {@link Tier2Contract}.
 */
public final class Tier2Variables {

  // Investigate case at Tier 2
  public static final String REANALYSIS = "tier2Reanalysis";
  /** YES or NO. */
  public static final String REPLICATED_IN_TEST_ENVIRONMENT = "replicatedInTestEnvironment";
  /** {@link NextAction}. */
  public static final String NEXT_ACTION = "tier2NextAction";
  /** What the customer is asked for, when the next action is REQUEST_INFORMATION. */
  public static final String INFORMATION_REQUEST = "informationRequest";
  public static final String INVOLVE_NETWORK_OPERATIONS = "involveNetworkOperations";
  public static final String INVOLVE_DATABASE_ADMINISTRATORS = "involveDatabaseAdministrators";

  // the other teams' answers, shown in the next investigation
  public static final String NETWORK_ANALYSIS_RESULT = "networkAnalysisResult";
  public static final String DATABASE_ANALYSIS_RESULT = "databaseAnalysisResult";

  public enum NextAction { REQUEST_INFORMATION, INVOLVE_TEAMS, OFFER_WORKAROUND, RESOLVE, ESCALATE_TO_ENGINEERING }

  public enum YesNo { YES, NO }

  public static final String START_ESCALATED_TO_TIER2 = "StartEvent_EscalatedToTier2";
  public static final String TASK_INVESTIGATE_AT_TIER2 = "Task_InvestigateAtTier2";
  public static final String GATEWAY_NEXT_ACTION = "Gateway_NextAction";
  public static final String TASK_NOTIFY_INFORMATION_REQUESTED = "Task_NotifyInformationRequested";
  public static final String TASK_AWAIT_CUSTOMER_INFORMATION = "Task_AwaitCustomerInformation";
  public static final String BOUNDARY_INFORMATION_REMINDER = "BoundaryEvent_InformationReminder";
  public static final String BOUNDARY_INFORMATION_TIMEOUT = "BoundaryEvent_InformationTimeout";
  public static final String TASK_NOTIFY_INFORMATION_REMINDER = "Task_NotifyInformationReminder";
  public static final String TASK_NOTIFY_CLOSED_WITHOUT_REPLY = "Task_NotifyClosedWithoutReply";
  public static final String TASK_NOTIFY_WORKAROUND_AVAILABLE = "Task_NotifyWorkaroundAvailable";
  public static final String GATEWAY_TEAMS_TO_INVOLVE = "Gateway_TeamsToInvolve";
  public static final String TASK_ANALYSE_NETWORK = "Task_AnalyseNetwork";
  public static final String TASK_ANALYSE_DATABASE = "Task_AnalyseDatabase";
  public static final String END_RESOLVED = "EndEvent_ResolvedAtTier2";
  public static final String END_ESCALATED_TO_ENGINEERING = "EndEvent_EscalatedToEngineering";
  public static final String END_CLOSED_WITHOUT_REPLY = "EndEvent_ClosedWithoutReply";
  public static final String END_REMINDER_SENT = "EndEvent_ReminderSent";

  private Tier2Variables() {}
}
