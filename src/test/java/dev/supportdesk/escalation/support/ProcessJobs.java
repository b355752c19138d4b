package dev.supportdesk.escalation.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Drives a process test's jobs: the engine's job executor is off in the test engine. */
public final class ProcessJobs {

  private ProcessJobs() {}

  /** Executes every job that is due now (async continuations), until none is left. */
  public static int executeDueJobs() {
    return executeDueJobs(managementService());
  }

  /**
   * The same for an application's engine whose job executor the test switched off
   * ({@code camunda.bpm.job-execution.enabled=false}), so every asynchronous step runs when the test says.
   */
  public static int executeDueJobs(ManagementService management) {
    int executed = 0;
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return executed;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        executed++;
      }
    }
    throw new IllegalStateException("Jobs keep being created: a loop in the diagram?");
  }

  /** The one timer waiting at {@code activityId} (a timer event or boundary timer). */
  public static Job timerAt(String activityId) {
    return managementService().createJobQuery().timers().activityId(activityId).singleResult();
  }

  /** Fires the timer at {@code activityId} as if its time had come, then runs what became due. */
  public static void fireTimer(String activityId) {
    Job timer = timerAt(activityId);
    if (timer == null) {
      throw new AssertionError("No timer waiting at " + activityId);
    }
    managementService().executeJob(timer.getId());
    executeDueJobs();
  }

  /** How far in the future the timer at {@code activityId} is due, from {@code now}. */
  public static Duration dueIn(String activityId, Date now) {
    return Duration.ofMillis(timerAt(activityId).getDuedate().getTime() - now.getTime());
  }
}
