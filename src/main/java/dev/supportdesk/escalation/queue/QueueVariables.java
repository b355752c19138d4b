package dev.supportdesk.escalation.queue;

import java.util.List;

/**
 * Task-local variables that Tasklist's queues show in the list itself, so an agent tells cases apart
 * without opening each task. Written once when a task is created (see {@link QueueLabelListener}).
 */
public final class QueueVariables {

  /**
   * The reference and the summary on one line ("CASE-2026-… · Export to PDF fails"), as help desks
   * list a ticket: Tasklist shows a task's first two columns without a click, so what tells cases
   * apart shares the first one.
   */
  public static final String CASE = "queueCase";
  public static final String PRIORITY = "queuePriority";
  public static final String ORGANISATION = "queueOrganisation";

  /** What each queue lists, in this order, with the label Tasklist prints before the value. */
  public record Column(String name, String label) {}

  public static final List<Column> COLUMNS = List.of(
      new Column(CASE, "Case"),
      new Column(PRIORITY, "Priority"),
      new Column(ORGANISATION, "Organisation"));

  private QueueVariables() {}
}
