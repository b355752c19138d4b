package dev.supportdesk.escalation.casefile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.exception.NotValidException;

/**
 * Checks what an agent submitted to complete a task, again on the server: the form validates in the
 * browser, but a REST call can skip the form. Collects every problem and reports them together in one
 * {@link NotValidException}, which rolls the completion back. The engine wraps it in the
 * ProcessEngineException of a failed task listener; Tasklist and /engine-rest show its message.
 *
 * <pre>
 * TaskInput input = TaskInput.of(task);
 * boolean confirmed = input.requireBoolean(DEFECT_CONFIRMED);
 * input.requireText(CONFIRMATION_NOTES, 10, 10_000);
 * input.throwIfInvalid();
 * </pre>
 */
public final class TaskInput {

  /** User ids as the engine is configured to accept them (application.yaml). */
  public static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}");

  private final DelegateTask task;
  private final List<String> problems = new ArrayList<>();

  private TaskInput(DelegateTask task) {
    this.task = task;
  }

  public static TaskInput of(DelegateTask task) {
    return new TaskInput(task);
  }

  public Object value(String name) {
    return task.getVariable(name);
  }

  public Boolean requireBoolean(String name) {
    Object value = value(name);
    if (value instanceof Boolean flag) {
      return flag;
    }
    problems.add(name + " must be true or false");
    return null;
  }

  public String requireText(String name, int minLength, int maxLength) {
    Object value = value(name);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(name + " is required");
      return null;
    }
    if (text.strip().length() < minLength || text.length() > maxLength) {
      problems.add(name + " must have " + minLength + " to " + maxLength + " characters");
    }
    return text;
  }

  /** Null when absent or blank; a problem when present but not text or too long. */
  public String optionalText(String name, int maxLength) {
    Object value = value(name);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    if (!(value instanceof String text) || text.length() > maxLength) {
      problems.add(name + " must be text of at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  public String requireMatching(String name, Pattern pattern, String expected) {
    String text = requireText(name, 1, 255);
    if (text != null && !pattern.matcher(text.strip()).matches()) {
      problems.add(name + " must be " + expected);
      return null;
    }
    return text == null ? null : text.strip();
  }

  public <E extends Enum<E>> E requireOneOf(String name, Class<E> type) {
    Object value = value(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    problems.add(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
    return null;
  }

  public Number requirePositiveNumber(String name) {
    Object value = value(name);
    if (value instanceof Number number && number.doubleValue() > 0 && Double.isFinite(number.doubleValue())) {
      return number;
    }
    problems.add(name + " must be a number greater than 0");
    return null;
  }

  /** Records {@code problem} unless {@code condition} holds. */
  public void check(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new NotValidException("Task '" + task.getName() + "' cannot be completed: " + String.join("; ", problems));
    }
  }
}
