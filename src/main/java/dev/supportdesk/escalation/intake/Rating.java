package dev.supportdesk.escalation.intake;

/** The customer's own rating of impact and urgency; stored in the case variables by name. */
public enum Rating {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
