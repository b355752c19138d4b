package dev.supportdesk.escalation.engineering;

/**
 * What crosses the call activity between the support case and {@value #PROCESS_ID}. The case passes
 * only these sanitised variables in (never the customer's name, e-mail, organisation or attachments)
 * and reads {@link #ENGINEERING_OUTCOME} back.
 */
public final class EngineeringContract {

  public static final String PROCESS_ID = "EngineeringProcess";

  // in: produced by the case's "Sanitise engineering hand-off" step (delegate sanitiseEngineeringHandOff)
  public static final String ENGINEERING_SUMMARY = "engineeringSummary";
  public static final String ENGINEERING_DESCRIPTION = "engineeringDescription";
  // in, unchanged: product, productVersion, priority, caseType (names in CaseVariables)

  // out
  /** NOT_A_DEFECT, HOTFIX_RELEASED or SCHEDULED_RELEASED. */
  public static final String ENGINEERING_OUTCOME = "engineeringOutcome";
  public static final String TICKET_KEY = "ticketKey";
  public static final String RELEASE_NOTES = "releaseNotes";

  /** Thrown when triage plans the fix for a release: the case is solved while engineering goes on. */
  public static final String ESCALATION_SOLVED_PLANNED_FOR_RELEASE = "SolvedPlannedForRelease";

  public enum Outcome { NOT_A_DEFECT, HOTFIX_RELEASED, SCHEDULED_RELEASED }

  private EngineeringContract() {}
}
