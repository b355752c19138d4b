package dev.supportdesk.escalation.casefile;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An agent's task completion is not refused because a parallel branch of the same case ended in that
 * moment. When a branch ends (the "case received" mail's branch, a reminder), the engine prunes the
 * execution tree: the branch of the agent's task is removed and the task moves to the case's own
 * execution. A completion that read the task before that commit and its execution after it fails: with
 * an {@code OptimisticLockingException} when it flushes, or earlier with a {@code NullPointerException}
 * in the engine's history producer ("processInstance" is null) when the removed execution is looked up
 * halfway. Either way its transaction rolled back and nothing of it is stored, but the agent would see an
 * error for work nobody else touched.
 *
 * <p>So a completion (REST {@code complete}, Tasklist's {@code submit-form}) that fails while its task
 * still exists and now belongs to another execution runs again, in a new transaction, at most
 * {@link #ATTEMPTS} times. A completion that fails for any other reason (the task is gone because another
 * agent completed it, a validation error, a claim by someone else) is not repeated and keeps its answer.
 * Only a command that opens its own transaction is repeated: inside a caller's transaction or command the
 * failure belongs to the caller.
 */
@Component
public class TaskCompletionRetry extends AbstractProcessEnginePlugin {

  public static final int ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(TaskCompletionRetry.class);
  private static final Field COMPLETE_TASK_ID = taskIdField(CompleteTaskCmd.class);
  private static final Field SUBMIT_FORM_TASK_ID = taskIdField(SubmitTaskFormCmd.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    pre.add(new Interceptor());
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
  }

  /** Outside the engine's transaction interceptor, so that each attempt has a transaction of its own. */
  static final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      String taskId = taskIdOf(command);
      if (taskId == null || Context.getCommandContext() != null
          || TransactionSynchronizationManager.isActualTransactionActive()) {
        return next.execute(command);
      }
      String executionBefore = executionOf(taskId);
      for (int attempt = 1; ; attempt++) {
        try {
          return next.execute(command);
        } catch (RuntimeException failure) {
          String executionNow = attempt < ATTEMPTS ? executionOf(taskId) : null;
          if (executionNow == null || executionNow.equals(executionBefore)) {
            throw failure;
          }
          LOG.info("Completion of task {} met its execution moving ({} -> {}) and runs again (attempt {} of {}): {}",
              taskId, executionBefore, executionNow, attempt + 1, ATTEMPTS, failure.toString());
          executionBefore = executionNow;
        }
      }
    }

    /** The execution the task belongs to now, committed; null when the task is gone or stands alone. */
    private String executionOf(String taskId) {
      return next.execute(commandContext -> {
        TaskEntity task = commandContext.getTaskManager().findTaskById(taskId);
        return task == null ? null : task.getExecutionId();
      });
    }
  }

  static String taskIdOf(Command<?> command) {
    Field taskId = command instanceof CompleteTaskCmd ? COMPLETE_TASK_ID
        : command instanceof SubmitTaskFormCmd ? SUBMIT_FORM_TASK_ID : null;
    try {
      return taskId == null ? null : (String) taskId.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("The engine's task id of " + command.getClass().getSimpleName()
          + " cannot be read", e);
    }
  }

  private static Field taskIdField(Class<?> type) {
    try {
      Field taskId = type.getDeclaredField("taskId");
      taskId.setAccessible(true);
      return taskId;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("The engine's " + type.getSimpleName() + " no longer has a taskId", e);
    }
  }
}
