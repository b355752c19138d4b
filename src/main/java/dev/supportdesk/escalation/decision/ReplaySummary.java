package dev.supportdesk.escalation.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a replay found, as stored and as the page and the API show it.
 *
 * @param decisions historic decisions of the key in the period (after the product and organisation filter)
 * @param replayed decisions the edited table was evaluated on
 * @param changed replayed decisions whose output differs
 * @param rulesChanged replayed decisions whose output is the same but came from other rules
 * @param changedShare {@code changed / replayed}, 0 when nothing was replayed
 * @param matrix old output → new output → count, for every replayed decision (unchanged ones on the diagonal)
 * @param missingInputs display name of an input the history lacks → decisions not replayed for it
 * @param sla for the SLA target decisions: clocks whose outcome would change under the new targets
 */
public record ReplaySummary(String id, String decisionKey, String decisionName, String fileName, String dmnSha256,
    Instant from, Instant to, String product, String organisationId, String requestedBy, Instant requestedAt,
    long decisions, long replayed, long changed, long rulesChanged, double changedShare, long missingInput,
    long failed, Map<String, Map<String, Long>> matrix, Map<String, Long> missingInputs, SlaImpact sla,
    long durationMillis) {

  /**
   * SLA clocks of the period replayed against the new targets with their recorded business time.
   *
   * @param clocks clocks of the target started in the period
   * @param replayed clocks that ended (met) with a recorded elapsed business time
   * @param stillOpen clocks not met (yet): their elapsed time is not final, so they are not judged
   * @param breachedBefore replayed clocks that were breached
   * @param breachedAfter replayed clocks that would breach under the new targets
   * @param wouldBreach cases met in time that would breach (at most {@link #LISTED} listed)
   * @param wouldMeet cases breached that would meet the new target (at most {@link #LISTED} listed)
   * @param missingInputs display name of an input the clocks do not record → clocks not replayed for it
   */
  public record SlaImpact(String target, long clocks, long replayed, long stillOpen, long breachedBefore,
      long breachedAfter, long wouldBreachCount, long wouldMeetCount, List<SlaCase> wouldBreach,
      List<SlaCase> wouldMeet, Map<String, Long> missingInputs) {

    public static final int LISTED = 500;
  }

  /** One case whose SLA outcome changes: business seconds it took, and the old and new target. */
  public record SlaCase(String caseReference, String priority, String severity, long elapsedBusinessSeconds,
      String oldTarget, long oldTargetSeconds, String newTarget, long newTargetSeconds) {}
}
