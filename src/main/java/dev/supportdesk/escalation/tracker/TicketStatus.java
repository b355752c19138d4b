package dev.supportdesk.escalation.tracker;

/** The life of an engineering ticket, in order. */
public enum TicketStatus {
  /** Opened: the defect is being evaluated and specified. */
  SPECIFYING,
  /** Triaged: severity, developer and release path decided. */
  READY,
  IN_PROGRESS,
  /** Released and monitored without regression. */
  DONE
}
