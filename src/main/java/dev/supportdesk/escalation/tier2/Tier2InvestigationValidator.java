package dev.supportdesk.escalation.tier2;

import static dev.supportdesk.escalation.tier2.Tier2Variables.*;

import dev.supportdesk.escalation.casefile.TaskInput;
import dev.supportdesk.escalation.tier2.Tier2Contract.EscalationReason;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Server-side check of "Investigate case at Tier 2" (task listener on {@code complete}): the rules of
 * forms/InvestigateAtTier2.form, and the details each next action needs. It also records an
 * unticked team as {@code false}, so the diagram's team gateway never meets a missing variable.
 */
@Component("validateTier2Investigation")
public class Tier2InvestigationValidator implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    check(task.getName(), task::getVariable).throwIfInvalid();
    for (String team : new String[] {INVOLVE_NETWORK_OPERATIONS, INVOLVE_DATABASE_ADMINISTRATORS}) {
      if (task.getVariable(team) == null) {
        task.setVariable(team, false);
      }
    }
  }

  static TaskInput check(String taskName, Function<String, Object> variables) {
    TaskInput input = TaskInput.of(taskName, variables)
        .requireText(REANALYSIS, "Re-analysis", 10, 10_000)
        .optionalText(Tier2Contract.STEPS_TAKEN, "Advanced troubleshooting", 10_000)
        .requireOneOf(REPLICATED_IN_TEST_ENVIRONMENT, "Replicated in a test environment", YesNo.class)
        .optionalText(Tier2Contract.ROOT_CAUSE, "Root cause", 10_000)
        .requireText(Tier2Contract.TIER2_FINDINGS, "Findings", 10, 10_000)
        .requireOneOf(NEXT_ACTION, "Next action", NextAction.class)
        .optionalBoolean(INVOLVE_NETWORK_OPERATIONS, "Involve network operations")
        .optionalBoolean(INVOLVE_DATABASE_ADMINISTRATORS, "Involve database administrators");
    NextAction next = input.enumValue(NEXT_ACTION, NextAction.class);
    if (next == null) {
      return input;
    }
    switch (next) {
      case REQUEST_INFORMATION ->
          input.requireText(INFORMATION_REQUEST, "Question for the customer", 10, 5_000);
      case INVOLVE_TEAMS -> input.check(
          input.isTrue(INVOLVE_NETWORK_OPERATIONS) || input.isTrue(INVOLVE_DATABASE_ADMINISTRATORS),
          "Involving other teams needs at least one team: network operations or database administrators");
      case OFFER_WORKAROUND -> input.requireText(Tier2Contract.WORKAROUND, "Workaround for the customer", 10, 10_000);
      case RESOLVE -> { }
      case ESCALATE_TO_ENGINEERING -> input
          .requireOneOf(Tier2Contract.ESCALATION_REASON, "Reason for engineering", EscalationReason.class)
          .requireText(Tier2Contract.STEPS_TAKEN, "Advanced troubleshooting", 10, 10_000);
    }
    return input;
  }
}
