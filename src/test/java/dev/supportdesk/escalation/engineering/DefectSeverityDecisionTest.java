package dev.supportdesk.escalation.engineering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.engineering.EngineeringVariables.AffectedUsers;
import dev.supportdesk.escalation.engineering.EngineeringVariables.BusinessImpact;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/DefectSeverity.dmn row by row: each line of the source hits one rule first. */
class DefectSeverityDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream table = Files.newInputStream(Path.of("processes/DefectSeverity.dmn"))) {
      decision = dmn.parseDecision(EngineeringVariables.DECISION_DEFECT_SEVERITY, table);
    }
  }

  @ParameterizedTest(name = "rule {0}: security={1} dataLoss={2} impact={3} workaround={4} users={5} -> {6}")
  @CsvSource(nullValues = "none", value = {
      // rule, security, data loss, impact, workaround, users, severity, days
      "1, true,  false, MINOR,    true,  ONE,  SEVERE,      1",
      "2, false, true,  NONE,     true,  ONE,  SEVERE,      1",
      "3, false, false, HALTED,   false, ONE,  SEVERE,      1",
      "4, false, false, HALTED,   true,  ALL,  HIGH,        3",
      "5, false, false, DEGRADED, false, ALL,  HIGH,        3",
      "5, false, false, DEGRADED, false, MANY, HIGH,        3",
      "6, false, false, DEGRADED, false, FEW,  MEDIUM,      4",
      "6, false, false, DEGRADED, true,  ALL,  MEDIUM,      4",
      "7, false, false, MINOR,    false, MANY, MEDIUM,      4",
      "8, false, false, MINOR,    false, ONE,  LOW,         10",
      "8, false, false, MINOR,    true,  ALL,  LOW,         10",
      "9, false, false, NONE,     false, ALL,  ENHANCEMENT, none"})
  void decidesSeverityAndResolutionTarget(int rule, boolean securityConcern, boolean dataLoss,
      BusinessImpact impact, boolean workaround, AffectedUsers users, String severity, Integer days) {
    DmnDecisionResultEntries result = evaluate(securityConcern, dataLoss, impact, workaround, users);

    assertThat((String) result.getEntry("severity")).isEqualTo(severity);
    assertThat((Integer) result.get(EngineeringVariables.RESOLUTION_TARGET_DAYS)).isEqualTo(days);
  }

  @Test
  void everyCombinationOfInputsHasASeverity() {
    for (BusinessImpact impact : BusinessImpact.values()) {
      for (AffectedUsers users : AffectedUsers.values()) {
        for (boolean workaround : new boolean[] {true, false}) {
          assertThat((String) evaluate(false, false, impact, workaround, users).getEntry("severity"))
              .as("%s, %s, workaround %s", impact, users, workaround).isNotNull();
        }
      }
    }
  }

  @Test
  void decisionKeepsItsHistoryForTenYears() throws Exception {
    assertThat(Files.readString(Path.of("processes/DefectSeverity.dmn")))
        .contains("camunda:historyTimeToLive=\"P3650D\"");
  }

  private static DmnDecisionResultEntries evaluate(boolean securityConcern, boolean dataLoss,
      BusinessImpact impact, boolean workaround, AffectedUsers users) {
    VariableMap variables = Variables.createVariables()
        .putValue(EngineeringVariables.SECURITY_CONCERN, securityConcern)
        .putValue(EngineeringVariables.DATA_LOSS, dataLoss)
        .putValue(EngineeringVariables.BUSINESS_IMPACT, impact.name())
        .putValue(EngineeringVariables.WORKAROUND_AVAILABLE, workaround)
        .putValue(EngineeringVariables.AFFECTED_USERS, users.name());
    return dmn.evaluateDecision(decision, variables).getSingleResult();
  }
}
