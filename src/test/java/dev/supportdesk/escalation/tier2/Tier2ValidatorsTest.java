package dev.supportdesk.escalation.tier2;

import static dev.supportdesk.escalation.tier2.Tier2Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side checks of the Tier 2 tasks, without an engine. */
class Tier2ValidatorsTest {

  static Map<String, Object> investigation(String nextAction) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(REANALYSIS, "Tier 1 evidence confirmed on 4.2.1");
    variables.put(REPLICATED_IN_TEST_ENVIRONMENT, "YES");
    variables.put(Tier2Contract.TIER2_FINDINGS, "Renderer keeps every page in memory");
    variables.put(NEXT_ACTION, nextAction);
    return variables;
  }

  static java.util.List<String> problems(Map<String, Object> variables) {
    return Tier2InvestigationValidator.check("Investigate case at Tier 2", variables::get).problems();
  }

  @Test
  void resolveNeedsNoMoreThanTheInvestigation() {
    assertThat(problems(investigation("RESOLVE"))).isEmpty();
  }

  @Test
  void emptySubmissionIsRejectedNamingTheFields() {
    assertThatThrownBy(() -> Tier2InvestigationValidator.check("Investigate case at Tier 2", Map.of()::get).throwIfInvalid())
        .isInstanceOf(InvalidTaskInputException.class)
        .hasMessageContaining("Re-analysis is required (tier2Reanalysis)")
        .hasMessageContaining("Replicated in a test environment must be one of [YES, NO]")
        .hasMessageContaining("Findings is required (tier2Findings)")
        .hasMessageContaining("Next action must be one of");
  }

  @Test
  void requestForInformationNeedsWhatToAsk() {
    Map<String, Object> variables = investigation("REQUEST_INFORMATION");
    assertThat(problems(variables)).singleElement().asString().contains("Question for the customer is required");

    variables.put(INFORMATION_REQUEST, "Please send the server log of a failed export");
    assertThat(problems(variables)).isEmpty();
  }

  @Test
  void involvingTeamsNeedsAtLeastOneTeam() {
    Map<String, Object> variables = investigation("INVOLVE_TEAMS");
    variables.put(INVOLVE_NETWORK_OPERATIONS, false);
    assertThat(problems(variables)).singleElement().asString().contains("at least one team");

    variables.put(INVOLVE_DATABASE_ADMINISTRATORS, true);
    assertThat(problems(variables)).isEmpty();
  }

  @Test
  void teamFlagMustBeABoolean() {
    Map<String, Object> variables = investigation("INVOLVE_TEAMS");
    variables.put(INVOLVE_NETWORK_OPERATIONS, "true");

    assertThat(problems(variables)).anySatisfy(p -> assertThat(p).contains("Involve network operations must be true or false"));
  }

  @Test
  void workaroundNeedsItsText() {
    Map<String, Object> variables = investigation("OFFER_WORKAROUND");
    assertThat(problems(variables)).singleElement().asString().contains("Workaround for the customer is required");

    variables.put(Tier2Contract.WORKAROUND, "Export in chunks of 40 pages");
    assertThat(problems(variables)).isEmpty();
  }

  @Test
  void escalationToEngineeringNeedsReasonAndStepsTaken() {
    Map<String, Object> variables = investigation("ESCALATE_TO_ENGINEERING");
    variables.put(Tier2Contract.ESCALATION_REASON, "BECAUSE");
    assertThat(problems(variables)).hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("Reason for engineering must be one of [SOFTWARE_DEFECT, CODE_CHANGE, PERFORMANCE, SECURITY]"))
        .anySatisfy(p -> assertThat(p).contains("Advanced troubleshooting is required"));

    variables.put(Tier2Contract.ESCALATION_REASON, "PERFORMANCE");
    variables.put(Tier2Contract.STEPS_TAKEN, "Profiled the renderer on staging");
    assertThat(problems(variables)).isEmpty();
  }

  @Test
  void eachTeamReturnsItsOwnResult() {
    assertThat(TeamAnalysisValidator.check("Analyse network", TASK_ANALYSE_NETWORK, Map.of()::get).problems())
        .singleElement().asString().contains("Network analysis result is required");
    assertThat(TeamAnalysisValidator.check("Analyse database", TASK_ANALYSE_DATABASE,
        Map.of(DATABASE_ANALYSIS_RESULT, "Report query takes 55 s without an index")::get).problems()).isEmpty();
    assertThat(TeamAnalysisValidator.check("Other", "Task_Other", Map.of()::get).problems())
        .singleElement().asString().contains("Task_Other");
  }
}
