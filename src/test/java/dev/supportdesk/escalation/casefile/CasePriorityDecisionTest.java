package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/CasePriority.dmn, row by row (impact × urgency), plus the rules for feature and incomplete cases. */
class CasePriorityDecisionTest {

  static DmnDecision decision;
  static DmnEngine dmn;

  @BeforeAll
  static void parseTable() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream table = CasePriorityDecisionTest.class.getResourceAsStream("/processes/CasePriority.dmn")) {
      decision = dmn.parseDecision(SupportCaseElements.DECISION_CASE_PRIORITY, table);
    }
  }

  @ParameterizedTest(name = "impact {0} × urgency {1} → {2}")
  @CsvSource({
      "HIGH,   HIGH,   P0",
      "HIGH,   MEDIUM, P1",
      "MEDIUM, HIGH,   P1",
      "HIGH,   LOW,    P2",
      "MEDIUM, MEDIUM, P2",
      "MEDIUM, LOW,    P2",
      "LOW,    HIGH,   P2",
      "LOW,    MEDIUM, P2",
      "LOW,    LOW,    P3"})
  void problemsArePrioritisedByImpactAndUrgency(String impact, String urgency, String priority) {
    assertThat(priorityOf("PROBLEM", impact, urgency)).isEqualTo(priority);
  }

  @Test
  void featureRequestsAreServiceRequestsWhateverTheirImpact() {
    assertThat(priorityOf("FEATURE_REQUEST", "HIGH", "HIGH")).isEqualTo("P3");
    assertThat(priorityOf("FEATURE_REQUEST", null, null)).isEqualTo("P3");
  }

  @Test
  void caseWithoutImpactOrUrgencyIsStandardUntilTier1AssessesIt() {
    assertThat(priorityOf("PROBLEM", null, "HIGH")).isEqualTo("P2");
    assertThat(priorityOf("PROBLEM", "HIGH", null)).isEqualTo("P2");
    assertThat(priorityOf(null, null, null)).isEqualTo("P2");
  }

  @Test
  void unknownValuesAreStandardToo() {
    assertThat(priorityOf("PROBLEM", "CRITICAL", "HIGH")).isEqualTo("P2");
  }

  @Test
  void caseWhoseVariablesDoNotExistAtAllIsStandard() {
    assertThat((String) dmn.evaluateDecisionTable(decision, Map.of()).getSingleEntry()).isEqualTo("P2");
  }

  static String priorityOf(String caseType, String impact, String urgency) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CaseVariables.CASE_TYPE, caseType);
    variables.put(CaseVariables.IMPACT, impact);
    variables.put(CaseVariables.URGENCY, urgency);
    return dmn.evaluateDecisionTable(decision, variables).getSingleEntry();
  }
}
