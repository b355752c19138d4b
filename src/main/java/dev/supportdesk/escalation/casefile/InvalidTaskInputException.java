package dev.supportdesk.escalation.casefile;

import java.util.List;
import org.camunda.bpm.engine.exception.NotValidException;

/**
 * A task was completed with missing or invalid input (e.g. through REST, skipping the form): the
 * completion rolls back and the task stays open. The engine wraps exceptions of task listeners in a
 * {@code ProcessEngineException} ("ENGINE-03051 ... Task 'X' cannot be completed: ..."), so
 * {@code /engine-rest} answers 500 carrying this message; it is a {@link NotValidException} (a bad user
 * request) so that an unwrapping handler can answer 400.
 */
public class InvalidTaskInputException extends NotValidException {

  private final transient List<String> problems;

  public InvalidTaskInputException(String taskName, List<String> problems) {
    super("Task '" + taskName + "' cannot be completed: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
