package dev.supportdesk.escalation.feature;

import static dev.supportdesk.escalation.feature.FeatureRequestVariables.*;

import dev.supportdesk.escalation.casefile.TaskInput;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Server-side check of every user task of {@value FeatureRequestVariables#PROCESS_ID}, as task listener
 * (event complete): {@code <camunda:taskListener delegateExpression="${featureRequestTaskValidator}" event="complete"/>}.
 * It repeats the rules of the task's form, because a REST call can skip the form.
 */
@Component("featureRequestTaskValidator")
public class FeatureRequestTaskValidator implements TaskListener {

  static final Pattern QUARTER = Pattern.compile("\\d{4}-Q[1-4]");
  private static final int LONG_TEXT = 20_000;

  @Override
  public void notify(DelegateTask task) {
    TaskInput input = TaskInput.of(task);
    switch (task.getTaskDefinitionKey()) {
      case TASK_EVALUATE_REQUEST -> {
        input.requireOneOf(REQUEST_DECISION, RequestDecision.class);
        input.requireText(DECISION_REASON, 10, 10_000);
      }
      case TASK_WRITE_BRIEF -> input.requireText(FEATURE_BRIEF, 50, LONG_TEXT);
      case TASK_SCOPE_AND_ESTIMATE -> {
        scopeAndCost(input);
        input.requireBoolean(WORKSHOP_NEEDED);
      }
      case TASK_HOLD_WORKSHOP -> {
        input.requireText(WORKSHOP_OUTCOME, 10, 10_000);
        scopeAndCost(input);
      }
      case TASK_SCHEDULE_DEVELOPMENT -> {
        input.requireText(FEATURE_TARGET_RELEASE, 1, 64);
        input.requireMatching(FEATURE_PLANNED_QUARTER, QUARTER, "a quarter such as 2027-Q2");
      }
      case TASK_WRITE_RELEASE_NOTES -> input.requireText(FEATURE_RELEASE_NOTES, 10, 4_000);
      default -> throw new IllegalStateException("No validation rules for task " + task.getTaskDefinitionKey());
    }
    input.throwIfInvalid();
  }

  private static void scopeAndCost(TaskInput input) {
    input.requireText(FEATURE_SCOPE, 20, LONG_TEXT);
    // 0: no charge, the request is accepted without a quote
    input.requireNonNegativeNumber(COST_ESTIMATE);
  }
}
