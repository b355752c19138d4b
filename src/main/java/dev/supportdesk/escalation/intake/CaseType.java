package dev.supportdesk.escalation.intake;

/** What the customer asks for; stored in the case variable {@code caseType} by name. */
public enum CaseType {
  PROBLEM,
  FEATURE_REQUEST
}
