package dev.supportdesk.escalation.decision;

import java.time.Instant;
import java.util.List;

/**
 * One historic decision replayed against the edited table.
 *
 * @param seq position in the replay, in order of evaluation time
 * @param caseReference the business key of the decision's process instance; null for a decision evaluated
 *     outside a process (e.g. through the decision service)
 * @param newOutput null unless {@link Status#REPLAYED}
 * @param detail for {@link Status#MISSING_INPUT} the inputs the history lacks, for {@link Status#FAILED} the
 *     DMN engine's message
 */
public record ReplayCase(long seq, String decisionInstanceId, String caseReference, Instant evaluatedAt,
    Status status, boolean changed, String oldOutput, String newOutput, List<String> oldRules,
    List<String> newRules, String detail) {

  public enum Status {
    REPLAYED,
    /** Not evaluated: the edited table reads an input the recorded decision does not have. */
    MISSING_INPUT,
    /** The DMN engine could not evaluate the recorded inputs (e.g. a type the edited table rejects). */
    FAILED
  }
}
