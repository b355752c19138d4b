package dev.supportdesk.escalation.sla;

import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Looks targets up in processes/SlaTargets.dmn, which process owners edit in Modeler: durations in
 * business time ({@code P1D}, {@code PT4H}), absent when no clock should run for that target.
 */
public interface SlaTargets {

  String FIRST_RESPONSE_DECISION = "SlaFirstResponseTarget";
  String RESOLUTION_DECISION = "SlaResolutionTarget";
  String FIRST_RESPONSE_OUTPUT = "firstResponseTarget";
  String RESOLUTION_OUTPUT = "resolutionTarget";

  /** ISO durations by target; a target without a duration is left out. */
  Map<SlaTarget, String> targets(String priority, String severity);

  /** The decisions of the latest deployed SlaTargets.dmn. */
  static SlaTargets fromDecisions(DecisionService decisions) {
    return (priority, severity) -> {
      Map<String, Object> inputs = Variables.createVariables()
          .putValue(SlaVariables.PRIORITY, priority)
          .putValue(SlaVariables.SEVERITY, severity);
      Map<SlaTarget, String> targets = new EnumMap<>(SlaTarget.class);
      String firstResponse = single(decisions.evaluateDecisionByKey(FIRST_RESPONSE_DECISION).variables(inputs).evaluate(),
          FIRST_RESPONSE_OUTPUT);
      String resolution = single(decisions.evaluateDecisionByKey(RESOLUTION_DECISION).variables(inputs).evaluate(),
          RESOLUTION_OUTPUT);
      if (firstResponse != null) {
        targets.put(SlaTarget.FIRST_RESPONSE, firstResponse);
      }
      if (resolution != null) {
        targets.put(SlaTarget.RESOLUTION, resolution);
      }
      return targets;
    };
  }

  private static String single(DmnDecisionResult result, String output) {
    if (result.isEmpty()) {
      return null;
    }
    Object value = result.getFirstResult().get(output);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
