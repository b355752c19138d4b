package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.intake.CaseType;
import dev.supportdesk.escalation.intake.Rating;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The values a customer can give (the API's {@link Rating}), the values Tasklist's start form offers
 * (forms/OpenCase.form) and the values processes/CasePriority.dmn decides on are one and the same set:
 * a value added to one of them and not the others would silently become "unknown" (P2).
 */
class CasePriorityInputsTest {

  static DecisionTable table;
  static JsonNode startForm;

  @BeforeAll
  static void readTableAndForm() throws Exception {
    try (InputStream file = CasePriorityInputsTest.class.getResourceAsStream("/processes/CasePriority.dmn")) {
      DmnModelInstance model = Dmn.readModelFromStream(file);
      table = model.getModelElementById("DecisionTable_CasePriority");
    }
    try (InputStream file = CasePriorityInputsTest.class.getResourceAsStream("/forms/OpenCase.form")) {
      startForm = new ObjectMapper().readTree(file);
    }
  }

  @ParameterizedTest(name = "{0}: the API's ratings are the table's rules and allowed values")
  @ValueSource(strings = {CaseVariables.IMPACT, CaseVariables.URGENCY})
  void ratingsTheApiAcceptsAreExactlyTheRatingsTheTableDecidesOn(String variable) {
    Set<String> api = names(Rating.values());

    assertThat(allowedValues(variable)).as("the input's allowed values").isEqualTo(api);
    assertThat(ruleEntries(variable)).as("the values the rules test").isEqualTo(api);
  }

  @ParameterizedTest(name = "{0}: the start form offers the API's ratings, required")
  @ValueSource(strings = {CaseVariables.IMPACT, CaseVariables.URGENCY})
  void startFormAsksForEveryRatingTheApiAccepts(String variable) {
    JsonNode field = formField(variable);

    assertThat(field.path("type").asText()).isEqualTo("select");
    assertThat(field.path("validate").path("required").asBoolean()).as("required").isTrue();
    Set<String> offered = new LinkedHashSet<>();
    field.path("values").forEach(option -> offered.add(option.path("value").asText()));
    assertThat(offered).isEqualTo(names(Rating.values()));
  }

  @org.junit.jupiter.api.Test
  void caseTypesTheApiAcceptsAreTheTablesCaseTypes() {
    assertThat(allowedValues(CaseVariables.CASE_TYPE)).isEqualTo(names(CaseType.values()));
    assertThat(names(CaseType.values())).containsAll(ruleEntries(CaseVariables.CASE_TYPE));
  }

  /** The table's column whose input expression reads {@code variable}. */
  static Input input(String variable) {
    return table.getInputs().stream()
        .filter(input -> variable.equals(input.getInputExpression().getText().getTextContent().strip()))
        .findFirst().orElseThrow(() -> new AssertionError("no input reads " + variable));
  }

  static Set<String> allowedValues(String variable) {
    return literals(input(variable).getInputValues().getText().getTextContent());
  }

  /** Every string the rules' entries in {@code variable}'s column test for ("-" and empty entries match anything). */
  static Set<String> ruleEntries(String variable) {
    int column = new ArrayList<>(table.getInputs()).indexOf(input(variable));
    Set<String> values = new LinkedHashSet<>();
    for (Rule rule : table.getRules()) {
      InputEntry entry = new ArrayList<>(rule.getInputEntries()).get(column);
      values.addAll(literals(entry.getText().getTextContent()));
    }
    return values;
  }

  /** The string literals of a unary-tests cell such as {@code "HIGH","CRITICAL"}. */
  static Set<String> literals(String unaryTests) {
    Set<String> values = new LinkedHashSet<>();
    String text = unaryTests == null ? "" : unaryTests.strip();
    if (text.isEmpty() || text.equals("-")) {
      return values;
    }
    for (String part : text.split(",")) {
      String literal = part.strip();
      assertThat(literal).as("only string literals in the table (%s)", unaryTests).matches("\"[A-Z_]+\"");
      values.add(literal.substring(1, literal.length() - 1));
    }
    return values;
  }

  static JsonNode formField(String key) {
    List<JsonNode> fields = new ArrayList<>();
    startForm.path("components").forEach(component -> {
      if (key.equals(component.path("key").asText())) {
        fields.add(component);
      }
    });
    assertThat(fields).as("start form field " + key).hasSize(1);
    return fields.get(0);
  }

  static Set<String> names(Enum<?>[] constants) {
    Set<String> names = new LinkedHashSet<>();
    Arrays.stream(constants).map(Enum::name).forEach(names::add);
    return names;
  }
}
