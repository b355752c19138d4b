package dev.supportdesk.escalation.tier1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side checks of the Tier 1 tasks, without an engine. */
class Tier1ValidatorsTest {

  static Map<String, Object> analysis(String outcome) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Tier1Variables.SYMPTOMS, "Export stops after 60 s");
    variables.put(Tier1Variables.REPRODUCED, "NO");
    variables.put(Tier1Variables.TIER1_FINDINGS, "Could not reproduce with 40 pages");
    variables.put(Tier1Variables.TIER1_OUTCOME, outcome);
    return variables;
  }

  @Test
  void completeAnalysisPasses() {
    Map<String, Object> variables = analysis("FEATURE_REQUEST");

    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems()).isEmpty();
  }

  @Test
  void emptySubmissionNamesEveryMissingField() {
    assertThatThrownBy(() -> Tier1AnalysisValidator.check("Analyse case at Tier 1", Map.of()::get).throwIfInvalid())
        .isInstanceOf(InvalidTaskInputException.class)
        .hasMessageStartingWith("Task 'Analyse case at Tier 1' cannot be completed: ")
        .hasMessageContaining("Symptoms is required (symptoms)")
        .hasMessageContaining("Reproduced must be one of [YES, NO]")
        .hasMessageContaining("Findings is required (tier1Findings)")
        .hasMessageContaining("Outcome must be one of");
  }

  @Test
  void unknownOutcomeIsRejected() {
    Map<String, Object> variables = analysis("CLOSE");

    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems())
        .singleElement().asString().contains("Outcome must be one of [RESOLVED, FEATURE_REQUEST, ESCALATE_TO_TIER2, LINK_TO_TICKET]")
        .contains("was 'CLOSE'");
  }

  @Test
  void resolutionAtTier1NeedsItsCategory() {
    Map<String, Object> variables = analysis("RESOLVED");
    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems())
        .singleElement().asString().contains("Resolved by");

    variables.put(Tier1Variables.RESOLUTION_CATEGORY, "HOW_TO");
    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems()).isEmpty();
  }

  @Test
  void escalationToTier2NeedsTheBasicTroubleshootingDone() {
    Map<String, Object> variables = analysis("ESCALATE_TO_TIER2");
    variables.put(Tier1Variables.CONFIGURATION_VERIFIED, true);
    variables.put(Tier1Variables.LOGS_ANALYSED, true);
    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems())
        .singleElement().asString().contains("basic troubleshooting");

    variables.put(Tier1Variables.KNOWN_ISSUES_CHECKED, true);
    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems()).isEmpty();
  }

  @Test
  void checkboxMustBeABoolean() {
    Map<String, Object> variables = analysis("FEATURE_REQUEST");
    variables.put(Tier1Variables.LOGS_ANALYSED, "yes");

    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems())
        .singleElement().asString().contains("Logs analysed must be true or false");
  }

  @Test
  void overlongFindingsAreRejected() {
    Map<String, Object> variables = analysis("FEATURE_REQUEST");
    variables.put(Tier1Variables.TIER1_FINDINGS, "x".repeat(10_001));

    assertThat(Tier1AnalysisValidator.check("Analyse", variables::get).problems())
        .singleElement().asString().contains("must not exceed 10000 characters");
  }

  @Test
  void resolutionNeedsATextTheCustomerCanActOn() {
    assertThat(ResolutionValidator.check("Communicate resolution", Map.of(Tier1Variables.RESOLUTION_TEXT, "Fixed.")::get)
        .problems()).singleElement().asString().contains("at least 20 characters");
    assertThat(ResolutionValidator.check("Communicate resolution", Map.of(Tier1Variables.RESOLUTION_TEXT,
        "Raise the export timeout to 300 s in Settings.")::get).problems()).isEmpty();
  }

  @Test
  void knowledgeArticleNeedsTitleAndText() {
    assertThat(KnowledgeArticleValidator.check("Update knowledge base", Map.of()::get).problems())
        .hasSize(2).anySatisfy(p -> assertThat(p).contains("Article title"))
        .anySatisfy(p -> assertThat(p).contains("Article text"));
    assertThat(KnowledgeArticleValidator.check("Update knowledge base", Map.of(
        Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, "Export timeout on large reports",
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, "Reports over 50 pages need a longer timeout.")::get).problems())
        .isEmpty();
  }
}
