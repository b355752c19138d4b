package dev.supportdesk.escalation.tracker;

import java.time.Instant;

/**
 * The tracker port: where engineering tickets live. The built-in adapter ({@link BuiltInTracker})
 * stores them in the application's database; other adapters (Jira) implement the same operations.
 * Everything passed in is already sanitised: the port never sees the customer's personal data.
 */
public interface EngineeringTracker {

  /**
   * Opens a ticket, or returns the one already opened for the same case reference and dedup key, so
   * a retried step never opens a second ticket. A new ticket starts in {@link TicketStatus#SPECIFYING}.
   */
  Ticket open(NewTicket ticket);

  /** Moves the ticket to {@code status}; moving it to the status it has changes nothing. */
  Ticket move(String ticketKey, TicketStatus status);

  TicketStatus status(String ticketKey);

  void comment(String ticketKey, String text);

  /**
   * @param caseReference the case's reference, the ticket's label
   * @param dedupKey identifies the step that opens the ticket, stable across retries
   * @param priority the case's priority (P0..P3), may be null
   * @param severity the defect's severity, null until evaluated
   */
  record NewTicket(String caseReference, String dedupKey, String summary, String description,
      String priority, String severity) {

    public NewTicket {
      require(caseReference, "caseReference");
      require(dedupKey, "dedupKey");
      require(summary, "summary");
    }

    private static void require(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("An engineering ticket needs a " + name);
      }
    }
  }

  record Ticket(String key, String caseReference, String summary, String description, String priority,
      String severity, TicketStatus status, Instant createdAt, Instant updatedAt) {}

  /** The tracker has no ticket of that key: a wrong key is a technical error, never a business outcome. */
  class TicketNotFoundException extends RuntimeException {
    public TicketNotFoundException(String ticketKey) {
      super("No engineering ticket " + ticketKey);
    }
  }
}
