package dev.supportdesk.escalation.sla;

import dev.supportdesk.escalation.casefile.CaseVariables;

/** Variable names and element ids of processes/SlaClockProcess.bpmn and the SLA decisions. */
public final class SlaVariables {

  public static final String PROCESS_ID = "SlaClockProcess";

  // read from the case (shared names)
  public static final String PRIORITY = CaseVariables.PRIORITY;
  public static final String SEVERITY = CaseVariables.SEVERITY;
  public static final String ORGANISATION_ID = CaseVariables.ORGANISATION_ID;
  public static final String SUMMARY = CaseVariables.SUMMARY;

  // the clock process's own variables (shown in the leads' forms)
  public static final String CASE_REFERENCE = "caseReference";
  /** Set by the clock process on its warning and breach paths: FIRST_RESPONSE or RESOLUTION. */
  public static final String SLA_TARGET = "slaTarget";
  /** The lead's note on a warning (required). */
  public static final String WARNING_NOTE = "slaWarningNote";
  /** What the lead did about a breach (required). */
  public static final String BREACH_ACTION = "slaBreachAction";

  // messages the case's calls correlate to the clock process
  public static final String MESSAGE_FIRST_RESPONSE_GIVEN = "SlaFirstResponseGiven";
  public static final String MESSAGE_RESOLVED = "SlaResolved";

  // element ids the service moves or modifies
  public static final String TASK_AWAIT_FIRST_RESPONSE = "Task_AwaitFirstResponse";
  public static final String TASK_AWAIT_RESOLUTION = "Task_AwaitResolution";
  public static final String TASK_AWAIT_RESOLUTION_WITHOUT_TARGET = "Task_AwaitResolutionWithoutTarget";
  public static final String TIMER_FIRST_RESPONSE_WARNING = "BoundaryEvent_FirstResponseWarning";
  public static final String TIMER_FIRST_RESPONSE_BREACHED = "BoundaryEvent_FirstResponseBreached";
  public static final String TIMER_RESOLUTION_WARNING = "BoundaryEvent_ResolutionWarning";
  public static final String TIMER_RESOLUTION_BREACHED = "BoundaryEvent_ResolutionBreached";

  private SlaVariables() {}
}
