package dev.supportdesk.escalation.queue;

import java.util.Map;

/**
 * What one task shows in its queue: the case reference, the priority, a one-line summary and the
 * customer's organisation. Pure data, built from whatever the task's process can see.
 */
public record QueueLabel(String reference, String priority, String summary, String organisation) {

  /** Long enough to tell cases apart on one line of Tasklist's list, short enough not to wrap twice. */
  static final int SUMMARY_MAX = 80;

  static final Map<String, Integer> TASK_PRIORITY = Map.of("P0", 90, "P1", 70, "P2", 50, "P3", 30);

  /** Camunda's default task priority, for tasks whose case has no priority yet. */
  static final int DEFAULT_TASK_PRIORITY = 50;

  public static QueueLabel of(String reference, String priority, String summary, String organisation) {
    return new QueueLabel(blankToNull(reference), blankToNull(priority), oneLine(summary), blankToNull(organisation));
  }

  /** Reference and summary on one line, either alone when the other is missing. */
  public String caseLine() {
    if (reference == null || summary == null) {
      return reference == null ? summary : reference;
    }
    return reference + " · " + summary;
  }

  /** The task priority Tasklist sorts by: P0 first, then P1, P2, P3; unknown sits with P2. */
  public int taskPriority() {
    return priority == null ? DEFAULT_TASK_PRIORITY : TASK_PRIORITY.getOrDefault(priority, DEFAULT_TASK_PRIORITY);
  }

  /**
   * Customer text on one line: control characters and line breaks become spaces, runs of spaces
   * collapse, and anything past {@link #SUMMARY_MAX} characters ends in an ellipsis (never cutting a
   * surrogate pair). Markup is left as text: Tasklist prints variables as text, never as HTML.
   */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder line = new StringBuilder(Math.min(text.length(), SUMMARY_MAX + 1));
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = line.length() > 0;
        continue;
      }
      if (space) {
        line.append(' ');
        space = false;
      }
      line.append(c);
    }
    if (line.length() == 0) {
      return null;
    }
    if (line.codePointCount(0, line.length()) <= SUMMARY_MAX) {
      return line.toString();
    }
    int end = line.offsetByCodePoints(0, SUMMARY_MAX - 1);
    return line.substring(0, end).stripTrailing() + "…";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
