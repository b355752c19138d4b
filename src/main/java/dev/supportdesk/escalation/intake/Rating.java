package dev.supportdesk.escalation.intake;

/**
 * The customer's own rating of impact and urgency, lowest first; stored in the case variables by name.
 * The one list of values: the API accepts exactly these, and processes/CasePriority.dmn (a rule per
 * impact × urgency) and the start form forms/OpenCase.form must offer the same ({@code CasePriorityInputsTest}).
 */
public enum Rating {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
