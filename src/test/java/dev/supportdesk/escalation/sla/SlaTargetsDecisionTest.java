package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/SlaTargets.dmn row by row, with the DMN engine alone (the file a process owner edits). */
class SlaTargetsDecisionTest {

  static DmnEngine dmn;
  static DmnDecision firstResponse;
  static DmnDecision resolution;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream file = Files.newInputStream(Path.of("processes/SlaTargets.dmn"))) {
      Map<String, DmnDecision> decisions = new java.util.HashMap<>();
      dmn.parseDecisions(file).forEach(decision -> decisions.put(decision.getKey(), decision));
      firstResponse = decisions.get(SlaTargets.FIRST_RESPONSE_DECISION);
      resolution = decisions.get(SlaTargets.RESOLUTION_DECISION);
    }
  }

  static String evaluate(DmnDecision decision, String output, String priority, String severity) {
    VariableMap inputs = Variables.createVariables().putValue("priority", priority).putValue("severity", severity);
    DmnDecisionResult result = dmn.evaluateDecision(decision, inputs);
    return result.isEmpty() ? null : (String) result.getFirstResult().get(output);
  }

  @ParameterizedTest(name = "priority {0} → first response within {1}")
  @CsvSource(nullValues = "none", value = {
      "P0, PT1H",
      "P1, PT2H",
      "P2, PT4H",
      "P3, P1D",
      "none, PT4H"})
  void firstResponseTargetFollowsPriority(String priority, String expected) {
    assertThat(evaluate(firstResponse, SlaTargets.FIRST_RESPONSE_OUTPUT, priority, null)).isEqualTo(expected);
    assertThat(evaluate(firstResponse, SlaTargets.FIRST_RESPONSE_OUTPUT, priority, "SEVERE"))
        .as("severity does not change the first response").isEqualTo(expected);
  }

  @ParameterizedTest(name = "severity {0} (priority {1}) → resolution within {2}")
  @CsvSource(nullValues = "none", value = {
      "SEVERE, P3, P1D",
      "HIGH, P0, P3D",
      "MEDIUM, P2, P4D",
      "LOW, P1, P10D",
      "ENHANCEMENT, P0, none",
      "none, P0, P1D",
      "none, P1, P3D",
      "none, P2, P4D",
      "none, P3, P10D",
      "none, none, P4D"})
  void resolutionTargetFollowsSeverityThenPriority(String severity, String priority, String expected) {
    assertThat(evaluate(resolution, SlaTargets.RESOLUTION_OUTPUT, priority, severity)).isEqualTo(expected);
  }

  @Test
  void everyDecisionKeepsItsHistoryForAuditors() throws Exception {
    String xml = Files.readString(Path.of("processes/SlaTargets.dmn"));

    assertThat(xml.split("camunda:historyTimeToLive=\"P").length - 1).isEqualTo(2);
    assertThat(xml).contains("dmndi:DMNShape id=\"DMNShape_SlaFirstResponseTarget\"")
        .contains("dmndi:DMNShape id=\"DMNShape_SlaResolutionTarget\"");
  }
}
