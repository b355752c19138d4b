package dev.supportdesk.escalation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edited table on the standalone DMN engine, without a process engine. */
class EditedDecisionTest {

  static byte[] file(String name) throws Exception {
    return Files.readAllBytes(Path.of("processes", name));
  }

  @Test
  void evaluatesRecordedInputsAndNamesTheMatchedRule() throws Exception {
    EditedDecision priority = EditedDecision.parse(file("CasePriority.dmn"), null);

    EditedDecision.Outcome outcome = priority.evaluate(Map.of("caseType", "PROBLEM", "impact", "HIGH",
        "urgency", "LOW"));

    assertThat(priority.key()).isEqualTo("CasePriority");
    assertThat(outcome.text()).isEqualTo("P2");
    assertThat(outcome.ruleIds()).containsExactly("Rule_HighImpactLowUrgency");
  }

  @Test
  void severalOutputsReadAsOneTextPerRule() throws Exception {
    EditedDecision severity = EditedDecision.parse(file("DefectSeverity.dmn"), null);

    EditedDecision.Outcome outcome = severity.evaluate(Map.of("securityConcern", true, "dataLoss", false,
        "businessImpact", "MINOR", "workaroundAvailable", true, "affectedUsers", "ONE"));

    assertThat(outcome.ruleIds()).containsExactly("Rule_SecurityConcern");
    assertThat(outcome.text()).startsWith("SEVERE / ");
  }

  @Test
  void recordedInputsAreFoundByClauseIdThenLabelThenVariableAndTheRestIsMissing() throws Exception {
    EditedDecision priority = EditedDecision.parse(file("CasePriority.dmn"), null);
    List<EditedDecision.Input> missing = new ArrayList<>();

    Map<String, Object> variables = priority.variables(Map.of("Input_Impact", "HIGH"),
        Map.of(EditedDecision.normal("Case type"), "PROBLEM"), missing);

    assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of("impact", "HIGH", "caseType", "PROBLEM"));
    assertThat(missing).extracting(EditedDecision.Input::displayName).containsExactly("Urgency");
  }

  @Test
  void aFileWithSeveralTablesNeedsTheKeyAndAnythingElseIsRefused() throws Exception {
    assertThatThrownBy(() -> EditedDecision.parse(file("SlaTargets.dmn"), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SlaFirstResponseTarget").hasMessageContaining("SlaResolutionTarget");
    assertThat(EditedDecision.parse(file("SlaTargets.dmn"), "SlaResolutionTarget").key()).isEqualTo("SlaResolutionTarget");
    assertThatThrownBy(() -> EditedDecision.parse("not xml".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The file is not a DMN decision table");
    assertThatThrownBy(() -> EditedDecision.parse(file("CasePriority.dmn"), "Unknown"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no decision table 'Unknown'");
  }

  @Test
  void noRuleAndEmptyOutputsReadAlikeOnBothSides() {
    assertThat(EditedDecision.outputText(List.of())).isEqualTo("(no rule)");
    assertThat(EditedDecision.outputText(List.of(java.util.Arrays.asList((Object) null)))).isEqualTo("(empty)");
    assertThat(EditedDecision.outputText(List.of(List.of("P1"), List.of("P2")))).isEqualTo("P1, P2");
  }
}
