package dev.supportdesk.escalation.casefile;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task was completed with missing or invalid input (e.g. through REST, skipping the form). A
 * {@link BadUserRequestException}, so {@code /engine-rest} answers 400 with the message and the task
 * stays open.
 */
public class InvalidTaskInputException extends BadUserRequestException {

  private final transient List<String> problems;

  public InvalidTaskInputException(String taskName, List<String> problems) {
    super("Task '" + taskName + "' cannot be completed: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
