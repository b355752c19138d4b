package dev.supportdesk.escalation.tier2;

/** What crosses the call activity between the support case and {@value #PROCESS_ID}. */
public final class Tier2Contract {

  public static final String PROCESS_ID = "Tier2InvestigationProcess";

  // in: every case variable; out:
  /** RESOLVED, ENGINEERING or CLOSED_NO_REPLY (the customer never answered a request). */
  public static final String TIER2_OUTCOME = "tier2Outcome";
  public static final String TIER2_FINDINGS = "tier2Findings";
  public static final String ROOT_CAUSE = "rootCause";
  public static final String WORKAROUND = "workaround";
  /** Steps taken in advanced troubleshooting: handed to engineering with the findings. */
  public static final String STEPS_TAKEN = "tier2StepsTaken";
  /** Why engineering is needed ({@link EscalationReason}), when the outcome is ENGINEERING. */
  public static final String ESCALATION_REASON = "engineeringEscalationReason";

  public enum Outcome { RESOLVED, ENGINEERING, CLOSED_NO_REPLY }

  public enum EscalationReason { SOFTWARE_DEFECT, CODE_CHANGE, PERFORMANCE, SECURITY }

  private Tier2Contract() {}
}
