package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.intake.Rating;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * processes/CasePriority.dmn rule by rule: every impact × urgency the API and the start form offer
 * ({@link Rating}), each decided by the rule named after it, plus the rules for feature requests and
 * for cases without a (known) rating.
 */
class CasePriorityDecisionTest {

  static final String TABLE = "/processes/CasePriority.dmn";

  /** The whole matrix: impact × urgency → priority, one line per rule of the table. */
  static Stream<Arguments> matrix() {
    return Stream.of(
        Arguments.of("CRITICAL", "CRITICAL", "P0"),
        Arguments.of("CRITICAL", "HIGH", "P0"),
        Arguments.of("CRITICAL", "MEDIUM", "P1"),
        Arguments.of("CRITICAL", "LOW", "P1"),
        Arguments.of("HIGH", "CRITICAL", "P0"),
        Arguments.of("HIGH", "HIGH", "P0"),
        Arguments.of("HIGH", "MEDIUM", "P1"),
        Arguments.of("HIGH", "LOW", "P2"),
        Arguments.of("MEDIUM", "CRITICAL", "P1"),
        Arguments.of("MEDIUM", "HIGH", "P1"),
        Arguments.of("MEDIUM", "MEDIUM", "P2"),
        Arguments.of("MEDIUM", "LOW", "P2"),
        Arguments.of("LOW", "CRITICAL", "P1"),
        Arguments.of("LOW", "HIGH", "P2"),
        Arguments.of("LOW", "MEDIUM", "P2"),
        Arguments.of("LOW", "LOW", "P3"));
  }

  static DmnDecision decision;
  static DmnEngine dmn;
  /** Ids of the rules that matched in the last evaluation. */
  static final List<String> matchedRules = new ArrayList<>();

  @BeforeAll
  static void parseTable() throws Exception {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(CasePriorityDecisionTest::recordMatches));
    dmn = configuration.buildEngine();
    try (InputStream table = CasePriorityDecisionTest.class.getResourceAsStream(TABLE)) {
      decision = dmn.parseDecision(SupportCaseElements.DECISION_CASE_PRIORITY, table);
    }
  }

  static void recordMatches(DmnDecisionTableEvaluationEvent event) {
    matchedRules.clear();
    event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matchedRules::add);
  }

  @BeforeEach
  void forgetMatches() {
    matchedRules.clear();
  }

  @ParameterizedTest(name = "impact {0} × urgency {1} → {2}")
  @MethodSource("matrix")
  void problemIsPrioritisedByTheRuleForItsImpactAndUrgency(String impact, String urgency, String priority) {
    assertThat(priorityOf("PROBLEM", impact, urgency)).isEqualTo(priority);
    assertThat(matchedRules).as("decided by its own rule, not the catch-all")
        .containsExactly(ruleId(impact, urgency));
  }

  @Test
  void matrixHasOneLineForEveryImpactAndUrgencyTheApiOffers() {
    Set<List<String>> covered = new HashSet<>();
    matrix().forEach(line -> covered.add(List.of((String) line.get()[0], (String) line.get()[1])));
    Set<List<String>> offered = new HashSet<>();
    for (Rating impact : Rating.values()) {
      for (Rating urgency : Rating.values()) {
        offered.add(List.of(impact.name(), urgency.name()));
      }
    }
    assertThat(covered).isEqualTo(offered);
  }

  @Test
  void everyRuleOfTheTableIsDecidedByACaseOfThisTest() throws Exception {
    Set<String> hit = new HashSet<>();
    matrix().forEach(line -> {
      priorityOf("PROBLEM", (String) line.get()[0], (String) line.get()[1]);
      hit.addAll(matchedRules);
    });
    priorityOf("FEATURE_REQUEST", "LOW", "LOW");
    hit.addAll(matchedRules);
    priorityOf("PROBLEM", null, null);
    hit.addAll(matchedRules);

    Set<String> rules = new HashSet<>();
    try (InputStream table = CasePriorityDecisionTest.class.getResourceAsStream(TABLE)) {
      Dmn.readModelFromStream(table).getModelElementsByType(Rule.class).forEach(rule -> rules.add(rule.getId()));
    }
    assertThat(hit).isEqualTo(rules);
  }

  @Test
  void higherImpactOrUrgencyNeverLowersThePriority() {
    Rating[] ascending = Rating.values();
    for (int i = 0; i < ascending.length; i++) {
      for (int u = 0; u < ascending.length; u++) {
        String here = priorityOf("PROBLEM", ascending[i].name(), ascending[u].name());
        if (i + 1 < ascending.length) {
          assertThat(priorityOf("PROBLEM", ascending[i + 1].name(), ascending[u].name()))
              .as("impact %s above %s, urgency %s", ascending[i + 1], ascending[i], ascending[u])
              .isLessThanOrEqualTo(here); // "P0" < "P1": the more urgent priority sorts first
        }
        if (u + 1 < ascending.length) {
          assertThat(priorityOf("PROBLEM", ascending[i].name(), ascending[u + 1].name()))
              .as("urgency %s above %s, impact %s", ascending[u + 1], ascending[u], ascending[i])
              .isLessThanOrEqualTo(here);
        }
      }
    }
  }

  @Test
  void criticalOnEitherSideIsNeverStandard() {
    for (Rating other : Rating.values()) {
      assertThat(priorityOf("PROBLEM", "CRITICAL", other.name())).isIn("P0", "P1");
      assertThat(priorityOf("PROBLEM", other.name(), "CRITICAL")).isIn("P0", "P1");
    }
  }

  @ParameterizedTest(name = "feature request rated {0} → P3")
  @EnumSource(Rating.class)
  void featureRequestsAreServiceRequestsWhateverTheirRating(Rating rating) {
    assertThat(priorityOf("FEATURE_REQUEST", rating.name(), rating.name())).isEqualTo("P3");
    assertThat(matchedRules).containsExactly("Rule_FeatureRequest");
  }

  @Test
  void featureRequestWithoutRatingIsAServiceRequestToo() {
    assertThat(priorityOf("FEATURE_REQUEST", null, null)).isEqualTo("P3");
  }

  @ParameterizedTest(name = "impact {0} × urgency {1} → P2 until Tier 1 assesses it")
  @CsvSource(nullValues = "none", value = {
      "none, CRITICAL",
      "CRITICAL, none",
      "none, none",
      "URGENT, HIGH",
      "critical, CRITICAL"})
  void caseWithoutAKnownImpactAndUrgencyIsStandardUntilTier1AssessesIt(String impact, String urgency) {
    assertThat(priorityOf("PROBLEM", impact, urgency)).isEqualTo("P2");
    assertThat(matchedRules).containsExactly("Rule_ImpactOrUrgencyUnknown");
  }

  @Test
  void caseOpenedInTasklistHasNoCaseTypeAndIsPrioritisedAsAProblem() {
    assertThat(priorityOf(null, "CRITICAL", "HIGH")).isEqualTo("P0");
  }

  @Test
  void caseWhoseVariablesDoNotExistAtAllIsStandard() {
    assertThat((String) dmn.evaluateDecisionTable(decision, Map.of()).getSingleEntry()).isEqualTo("P2");
  }

  static String ruleId(String impact, String urgency) {
    return "Rule_" + capitalised(impact) + "Impact" + capitalised(urgency) + "Urgency";
  }

  private static String capitalised(String level) {
    return level.charAt(0) + level.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  static String priorityOf(String caseType, String impact, String urgency) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CaseVariables.CASE_TYPE, caseType);
    variables.put(CaseVariables.IMPACT, impact);
    variables.put(CaseVariables.URGENCY, urgency);
    return dmn.evaluateDecisionTable(decision, variables).getSingleEntry();
  }
}
