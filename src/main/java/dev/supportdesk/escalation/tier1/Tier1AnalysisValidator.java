package dev.supportdesk.escalation.tier1;

import static dev.supportdesk.escalation.tier1.Tier1Variables.*;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.TaskInput;
import dev.supportdesk.escalation.knowledge.KnowledgeVariables;
import dev.supportdesk.escalation.problem.ProblemVariables;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Server-side check of "Analyse case at Tier 1" (task listener on {@code complete}): the same rules as
 * forms/AnalyseAtTier1.form, because a REST call can skip the form. A case only leaves Tier 1 for
 * Tier 2 with the basic troubleshooting done.
 */
@Component("validateTier1Analysis")
public class Tier1AnalysisValidator implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    check(task.getName(), task::getVariable).throwIfInvalid();
  }

  static TaskInput check(String taskName, Function<String, Object> variables) {
    TaskInput input = TaskInput.of(taskName, variables)
        .requireText(SYMPTOMS, "Symptoms", 3, 10_000)
        .optionalText(CaseVariables.STEPS_TO_REPRODUCE, "Reproduction steps", 10_000)
        .optionalText(CaseVariables.ERROR_MESSAGES, "Error messages", 10_000)
        .optionalText(CaseVariables.RECENT_CHANGES, "Recent changes", 10_000)
        .optionalText(CaseVariables.ENVIRONMENT, "Environment", 2_000)
        .optionalText(LOG_REFERENCES, "Log references", 2_000)
        .optionalText(KnowledgeVariables.KNOWN_ARTICLE, "Article that resolves it", 20)
        .optionalBoolean(CONFIGURATION_VERIFIED, "Configuration verified")
        .optionalBoolean(LOGS_ANALYSED, "Logs analysed")
        .optionalBoolean(KNOWN_ISSUES_CHECKED, "Known issues and updates checked")
        .requireOneOf(REPRODUCED, "Reproduced", YesNo.class)
        .requireText(TIER1_FINDINGS, "Findings", 10, 10_000)
        .requireOneOf(TIER1_OUTCOME, "Outcome", Outcome.class);
    Outcome outcome = input.enumValue(TIER1_OUTCOME, Outcome.class);
    if (outcome == Outcome.RESOLVED) {
      input.requireOneOf(RESOLUTION_CATEGORY, "Resolved by", ResolutionCategory.class);
    }
    if (outcome == Outcome.LINK_TO_TICKET) {
      input.requireText(ProblemVariables.LINKED_TICKET, "Engineering ticket", 3, 42)
          .check(input.isTrue(KNOWN_ISSUES_CHECKED), "Linking to a known engineering ticket needs the known issues checked");
    }
    if (outcome == Outcome.ESCALATE_TO_TIER2) {
      input.check(input.isTrue(CONFIGURATION_VERIFIED) && input.isTrue(LOGS_ANALYSED)
              && input.isTrue(KNOWN_ISSUES_CHECKED),
          "Escalating to Tier 2 needs the basic troubleshooting done: configuration verified, logs analysed,"
              + " known issues and updates checked");
    }
    return input;
  }
}
