package dev.supportdesk.escalation.tier1;

import dev.supportdesk.escalation.casefile.TaskInput;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Server-side check of "Communicate resolution": the customer gets a resolution they can act on. */
@Component("validateResolution")
public class ResolutionValidator implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    check(task.getName(), task::getVariable).throwIfInvalid();
  }

  static TaskInput check(String taskName, Function<String, Object> variables) {
    return TaskInput.of(taskName, variables)
        .requireText(Tier1Variables.RESOLUTION_TEXT, "Resolution", 20, 20_000);
  }
}
