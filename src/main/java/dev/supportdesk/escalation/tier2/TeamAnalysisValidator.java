package dev.supportdesk.escalation.tier2;

import dev.supportdesk.escalation.casefile.TaskInput;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Server-side check of the other teams' tasks ("Analyse network", "Analyse database"): each returns
 * its result to Tier 2, in the variable of its team.
 */
@Component("validateTeamAnalysis")
public class TeamAnalysisValidator implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    check(task.getName(), task.getTaskDefinitionKey(), task::getVariable).throwIfInvalid();
  }

  static TaskInput check(String taskName, String taskDefinitionKey, Function<String, Object> variables) {
    TaskInput input = TaskInput.of(taskName, variables);
    return switch (taskDefinitionKey) {
      case Tier2Variables.TASK_ANALYSE_NETWORK ->
          input.requireText(Tier2Variables.NETWORK_ANALYSIS_RESULT, "Network analysis result", 10, 10_000);
      case Tier2Variables.TASK_ANALYSE_DATABASE ->
          input.requireText(Tier2Variables.DATABASE_ANALYSIS_RESULT, "Database analysis result", 10, 10_000);
      default -> input.check(false, "No team analysis is defined for task " + taskDefinitionKey);
    };
  }
}
