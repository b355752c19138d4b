package dev.supportdesk.escalation.casefile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.exception.NotValidException;

/**
 * Checks what an agent submitted to complete a task, again on the server: the form validates in the
 * browser, but a REST call can skip the form. Collects every problem and reports them together in one
 * {@link InvalidTaskInputException} (a {@link NotValidException}), which rolls the completion back. The
 * engine wraps it in the ProcessEngineException of a failed task listener; Tasklist and /engine-rest
 * show its message.
 *
 * <p>Two styles share this class: value-returning checks naming the variable
 * ({@code boolean confirmed = input.requireBoolean(DEFECT_CONFIRMED)}), and fluent checks naming the
 * form's label ({@code input.requireText(FINDINGS, "Findings", 10, 10_000).requireOneOf(...)}), which a
 * plain unit test can run on a {@link Map} through {@link #of(String, Function)}.
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

  private final String taskName;
  private final Function<String, Object> variables;
  private final List<String> problems = new ArrayList<>();

  private TaskInput(String taskName, Function<String, Object> variables) {
    this.taskName = taskName;
    this.variables = variables;
  }

  /**
   * The task's input as its listener sees it. A task whose execution vanished under it was moved by a
   * transaction that committed meanwhile (a parallel branch ending prunes the execution tree and moves
   * the task to its parent): the submitted values would then be set on nothing and every required field
   * would read as missing. That is a concurrent change, not bad input, and is reported as such; the
   * agent's second submit finds the task where it now is.
   */
  /**
   * Who completes the task, for records that name the agent: its assignee, or whoever is logged in (a
   * completion without a claim), else "system".
   */
  public static String actor(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    Authentication current = Context.getCommandContext() == null ? null
        : Context.getCommandContext().getAuthentication();
    return current == null || current.getUserId() == null ? "system" : current.getUserId();
  }

  public static TaskInput of(DelegateTask task) {
    if (task.getExecutionId() != null && task.getExecution() == null) {
      throw new OptimisticLockingException("Task '" + task.getName() + "' was updated by another transaction"
          + " concurrently: its execution " + task.getExecutionId() + " moved while it was being completed");
    }
    return new TaskInput(task.getName(), task::getVariable);
  }

  public static TaskInput of(String taskName, Function<String, Object> variables) {
    return new TaskInput(taskName, variables);
  }

  public static TaskInput of(String taskName, Map<String, ?> variables) {
    return new TaskInput(taskName, variables::get);
  }

  public Object value(String name) {
    return variables.apply(name);
  }

  // --- value-returning checks, problems named by variable ------------------------------------------

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
    return plain(name, name, text);
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
    return plain(name, name, text);
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
    E constant = enumValue(name, type);
    if (constant == null) {
      problems.add(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
    }
    return constant;
  }

  /** A finite number of at least zero: a price that may be "no charge". */
  public Number requireNonNegativeNumber(String name) {
    Object value = value(name);
    if (value instanceof Number number && number.doubleValue() >= 0 && Double.isFinite(number.doubleValue())) {
      return number;
    }
    problems.add(name + " must be a number of at least 0");
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

  // --- fluent checks, problems named by the form's label --------------------------------------------

  /** Non-blank text of {@code min}..{@code max} characters. */
  public TaskInput requireText(String name, String label, int min, int max) {
    Object value = value(name);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(label + " is required (" + name + ")");
    } else if (text.strip().length() < min) {
      problems.add(label + " needs at least " + min + " characters (" + name + ")");
    } else if (text.length() > max) {
      problems.add(label + " must not exceed " + max + " characters (" + name + ")");
    } else {
      plain(name, label, text);
    }
    return this;
  }

  /** Text up to {@code max} characters, or nothing. */
  public TaskInput optionalText(String name, String label, int max) {
    Object value = value(name);
    if (value == null) {
      return this;
    }
    if (!(value instanceof String text)) {
      problems.add(label + " must be text (" + name + ")");
    } else if (text.length() > max) {
      problems.add(label + " must not exceed " + max + " characters (" + name + ")");
    } else {
      plain(name, label, text);
    }
    return this;
  }

  /** One of the enum's constant names. */
  public <E extends Enum<E>> TaskInput requireOneOf(String name, String label, Class<E> values) {
    if (enumValue(name, values) == null) {
      problems.add(label + " must be one of " + Arrays.toString(values.getEnumConstants())
          + " (" + name + ", was " + describe(value(name)) + ")");
    }
    return this;
  }

  /** A boolean, or nothing (a checkbox a REST caller left out). */
  public TaskInput optionalBoolean(String name, String label) {
    Object value = value(name);
    if (value != null && !(value instanceof Boolean)) {
      problems.add(label + " must be true or false (" + name + ", was " + describe(value) + ")");
    }
    return this;
  }

  /** The enum constant named by the variable, or {@code null} when it names none (no problem recorded). */
  public <E extends Enum<E>> E enumValue(String name, Class<E> values) {
    Object value = value(name);
    for (E constant : values.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    return null;
  }

  public boolean isTrue(String name) {
    return Boolean.TRUE.equals(value(name));
  }

  /** Records {@code problem} unless {@code condition} holds. */
  public TaskInput check(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
    return this;
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException(taskName, problems);
    }
  }

  /** Text shown to people later must stay text (see {@link PlainTextRule}); null when it is not. */
  private String plain(String name, String label, String text) {
    if (PlainTextRule.isPlainText(text)) {
      return text;
    }
    problems.add(label + " must be plain text: no control characters, scripts or active markup"
        + (label.equals(name) ? "" : " (" + name + ")"));
    return null;
  }

  private static String describe(Object value) {
    return value == null ? "missing" : "'" + value + "'";
  }
}
