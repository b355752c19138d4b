package dev.supportdesk.escalation.sla;

/** The promises an SLA clock measures; each case has at most one clock per target. */
public enum SlaTarget {
  /** Support's first answer to the customer. */
  FIRST_RESPONSE,
  /** The case resolved (the customer has a fix, a workaround or an answer that closes it). */
  RESOLUTION
}
