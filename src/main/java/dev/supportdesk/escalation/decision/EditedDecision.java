package dev.supportdesk.escalation.decision;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedOutput;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * An edited decision table as a process owner saved it in Modeler, parsed by Camunda's own DMN engine
 * running standalone: nothing is deployed, nothing is written. One instance per replay, used by one thread
 * (the listener that reports the matched rules keeps the last evaluation).
 */
public final class EditedDecision {

  /** An input expression that is a plain variable name can be fed the value the history recorded. */
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** One input clause of the edited table: what it is called and which variable its expression reads. */
  public record Input(String id, String label, String variable) {
    /** What a process owner recognises: the label Modeler shows, else the id. */
    public String displayName() {
      return label != null && !label.isBlank() ? label : id;
    }
  }

  /** The matched rules and their outputs, as {@link Outcome#text()} shows them. */
  public record Outcome(List<String> ruleIds, String text) {}

  private final String key;
  private final String name;
  private final DmnDecision decision;
  private final DmnEngine engine;
  private final List<Input> inputs;
  private DmnDecisionTableEvaluationEvent lastEvaluation;

  private EditedDecision(String key, String name, DmnDecision decision, DmnEngine engine, List<Input> inputs) {
    this.key = key;
    this.name = name;
    this.decision = decision;
    this.engine = engine;
    this.inputs = inputs;
  }

  /**
   * Parses {@code dmn} and picks the decision table {@code decisionKey}, or the file's only one when the key
   * is blank.
   *
   * @throws IllegalArgumentException when the file is not DMN XML, has no such decision table, or holds
   *     several and none was named
   */
  public static EditedDecision parse(byte[] dmn, String decisionKey) {
    List<EditedDecision> tables = new ArrayList<>();
    List<DmnDecision> decisions;
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    EditedDecision[] holder = new EditedDecision[1];
    DmnDecisionTableEvaluationListener listener = event -> {
      if (holder[0] != null) {
        holder[0].lastEvaluation = event;
      }
    };
    configuration.customPostDecisionTableEvaluationListeners(List.of(listener));
    DmnEngine engine = configuration.buildEngine();
    try {
      decisions = engine.parseDecisions(new ByteArrayInputStream(dmn));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The file is not a DMN decision table Camunda can read: "
          + firstLine(e.getMessage()));
    }
    for (DmnDecision decision : decisions) {
      if (decision.isDecisionTable()) {
        tables.add(new EditedDecision(decision.getKey(), decision.getName(), decision, engine,
            inputsOf((DmnDecisionTableImpl) decision.getDecisionLogic())));
      }
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("The DMN file holds no decision table.");
    }
    List<String> keys = tables.stream().map(EditedDecision::key).toList();
    EditedDecision chosen;
    if (decisionKey == null || decisionKey.isBlank()) {
      if (tables.size() > 1) {
        throw new IllegalArgumentException("The DMN file holds the decision tables " + String.join(", ", keys)
            + ": choose the one to replay.");
      }
      chosen = tables.get(0);
    } else {
      chosen = tables.stream().filter(table -> table.key.equals(decisionKey.trim())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("The DMN file has no decision table '" + decisionKey
              + "'; it holds " + String.join(", ", keys) + "."));
    }
    holder[0] = chosen;
    return chosen;
  }

  private static List<Input> inputsOf(DmnDecisionTableImpl table) {
    List<Input> inputs = new ArrayList<>();
    for (DmnDecisionTableInputImpl input : table.getInputs()) {
      String expression = input.getExpression() == null ? null : input.getExpression().getExpression();
      String variable = expression != null && VARIABLE_NAME.matcher(expression.trim()).matches()
          ? expression.trim() : null;
      inputs.add(new Input(input.getId(), input.getName(), variable));
    }
    return List.copyOf(inputs);
  }

  public String key() {
    return key;
  }

  public String name() {
    return name;
  }

  public List<Input> inputs() {
    return inputs;
  }

  /**
   * Evaluates the table on recorded input values, keyed by the variable each input expression reads.
   *
   * @throws RuntimeException what the DMN engine throws for values the table cannot compare
   */
  public Outcome evaluate(Map<String, Object> values) {
    VariableMap variables = Variables.createVariables();
    variables.putAll(values);
    lastEvaluation = null;
    engine.evaluateDecisionTable(decision, variables);
    List<String> ruleIds = new ArrayList<>();
    List<List<Object>> outputs = new ArrayList<>();
    if (lastEvaluation != null) {
      for (DmnEvaluatedDecisionRule rule : lastEvaluation.getMatchingRules()) {
        ruleIds.add(rule.getId());
        List<Object> values1 = new ArrayList<>();
        for (DmnEvaluatedOutput output : rule.getOutputEntries().values()) {
          values1.add(output.getValue() == null ? null : output.getValue().getValue());
        }
        outputs.add(values1);
      }
    }
    return new Outcome(List.copyOf(ruleIds), outputText(outputs));
  }

  /**
   * How an outcome reads in the report and the from→to matrix: each matched rule's output values joined by
   * " / " (for a table with several outputs), rules joined by ", ", "(no rule)" when none matched. Empty
   * output entries are left out on both sides so that old and new compare alike.
   */
  public static String outputText(List<List<Object>> ruleOutputs) {
    if (ruleOutputs.isEmpty()) {
      return "(no rule)";
    }
    List<String> rules = new ArrayList<>();
    for (List<Object> outputs : ruleOutputs) {
      List<String> values = outputs.stream().filter(Objects::nonNull).map(String::valueOf)
          .filter(value -> !value.isBlank()).toList();
      rules.add(values.isEmpty() ? "(empty)" : String.join(" / ", values));
    }
    return String.join(", ", rules);
  }

  /**
   * The variables to evaluate the edited table with: each input's recorded value, found by the input's
   * clause id, else by its label, else by the variable its expression reads (names compared as
   * {@link #normal}). Inputs without a recorded value are added to {@code missing}, never guessed.
   */
  public Map<String, Object> variables(Map<String, Object> recordedByClauseId, Map<String, Object> recordedByName,
      List<Input> missing) {
    Map<String, Object> matched = new LinkedHashMap<>();
    for (Input input : inputs) {
      if (input.variable() == null) {
        missing.add(input);
      } else if (recordedByClauseId.containsKey(input.id())) {
        matched.put(input.variable(), recordedByClauseId.get(input.id()));
      } else if (input.label() != null && recordedByName.containsKey(normal(input.label()))) {
        matched.put(input.variable(), recordedByName.get(normal(input.label())));
      } else if (recordedByName.containsKey(normal(input.variable()))) {
        matched.put(input.variable(), recordedByName.get(normal(input.variable())));
      } else {
        missing.add(input);
      }
    }
    return matched;
  }

  /** Names compare without case, blanks or separators: "Case type" matches "caseType". */
  static String normal(String name) {
    return name == null ? "" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
