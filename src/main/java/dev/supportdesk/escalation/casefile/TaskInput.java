package dev.supportdesk.escalation.casefile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks a completed task's variables the way its form does, for server-side validation listeners:
 * collects every problem, then {@link #throwIfInvalid()} reports them all at once.
 */
public final class TaskInput {

  private final String taskName;
  private final Function<String, Object> variables;
  private final List<String> problems = new ArrayList<>();

  private TaskInput(String taskName, Function<String, Object> variables) {
    this.taskName = taskName;
    this.variables = variables;
  }

  public static TaskInput of(String taskName, Map<String, ?> variables) {
    return new TaskInput(taskName, variables::get);
  }

  public static TaskInput of(String taskName, Function<String, Object> variables) {
    return new TaskInput(taskName, variables);
  }

  public Object value(String name) {
    return variables.apply(name);
  }

  /** Non-blank text of {@code min}..{@code max} characters. */
  public TaskInput requireText(String name, String label, int min, int max) {
    Object value = value(name);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(label + " is required (" + name + ")");
    } else if (text.strip().length() < min) {
      problems.add(label + " needs at least " + min + " characters (" + name + ")");
    } else if (text.length() > max) {
      problems.add(label + " must not exceed " + max + " characters (" + name + ")");
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

  /** The enum constant named by the variable, or {@code null} when it names none. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> values) {
    Object value = value(name);
    if (value instanceof String text) {
      for (E constant : values.getEnumConstants()) {
        if (constant.name().equals(text)) {
          return constant;
        }
      }
    }
    return null;
  }

  /** A boolean, or nothing (a checkbox a REST caller left out). */
  public TaskInput optionalBoolean(String name, String label) {
    Object value = value(name);
    if (value != null && !(value instanceof Boolean)) {
      problems.add(label + " must be true or false (" + name + ", was " + describe(value) + ")");
    }
    return this;
  }

  public boolean isTrue(String name) {
    return Boolean.TRUE.equals(value(name));
  }

  /** Records a problem when {@code condition} does not hold. */
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

  private static String describe(Object value) {
    return value == null ? "missing" : "'" + value + "'";
  }
}
