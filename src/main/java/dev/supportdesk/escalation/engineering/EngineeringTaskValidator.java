package dev.supportdesk.escalation.engineering;

import static dev.supportdesk.escalation.engineering.EngineeringVariables.*;

import dev.supportdesk.escalation.casefile.TaskInput;
import java.util.Objects;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Server-side check of every user task of {@value EngineeringVariables#PROCESS_ID}, as task listener
 * (event complete): {@code <camunda:taskListener delegateExpression="${engineeringTaskValidator}" event="complete"/>}.
 * It repeats the rules of the task's form, because a REST call can skip the form.
 */
@Component("engineeringTaskValidator")
public class EngineeringTaskValidator implements TaskListener {

  static final Pattern QUARTER = Pattern.compile("\\d{4}-Q[1-4]");
  static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
  private static final int NOTES = 10_000;

  @Override
  public void notify(DelegateTask task) {
    TaskInput input = TaskInput.of(task);
    switch (task.getTaskDefinitionKey()) {
      case TASK_CONFIRM_DEFECT -> confirmDefect(input);
      case TASK_TRIAGE_DEFECT -> triageDefect(input);
      case TASK_SCHEDULE_FIX -> {
        input.requireText(TARGET_RELEASE, 1, 64);
        input.requireMatching(PLANNED_QUARTER, QUARTER, "a quarter such as 2027-Q1");
      }
      case TASK_DEVELOP_FIX -> input.requireText(FIX_DESCRIPTION, 10, NOTES);
      case TASK_TEST_ON_STAGING -> {
        input.requireMatching(STAGING_BUILD, VERSION, "a build or version such as 7.24.1-rc1");
        input.requireText(STAGING_TEST_NOTES, 10, NOTES);
      }
      case TASK_VERIFY_FIX -> {
        input.requireBoolean(FIX_VERIFIED);
        input.requireText(VERIFICATION_NOTES, 10, NOTES);
      }
      case TASK_RELEASE_FIX -> {
        input.requireMatching(RELEASE_VERSION, VERSION, "a version such as 7.24.1");
        input.requireBoolean(APP_UPDATE_REQUIRED);
        input.requireText(RELEASE_NOTES, 10, 4_000);
      }
      case TASK_MONITOR_RELEASE -> {
        input.requireBoolean(REGRESSION_FOUND);
        input.requireText(MONITORING_NOTES, 10, NOTES);
      }
      default -> throw new IllegalStateException("No validation rules for task " + task.getTaskDefinitionKey());
    }
    input.throwIfInvalid();
  }

  private static void confirmDefect(TaskInput input) {
    input.requireBoolean(DEFECT_REPRODUCED);
    Boolean confirmed = input.requireBoolean(DEFECT_CONFIRMED);
    input.requireText(CONFIRMATION_NOTES, 10, NOTES);
    if (Boolean.TRUE.equals(confirmed)) {
      // the inputs of the DefectSeverity decision
      input.requireOneOf(BUSINESS_IMPACT, BusinessImpact.class);
      input.requireOneOf(AFFECTED_USERS, AffectedUsers.class);
      input.requireBoolean(DATA_LOSS);
      input.requireBoolean(SECURITY_CONCERN);
      input.requireBoolean(WORKAROUND_AVAILABLE);
    }
  }

  private static void triageDefect(TaskInput input) {
    Severity severity = input.requireOneOf(SEVERITY, Severity.class);
    Object recommended = input.value(RECOMMENDED_SEVERITY);
    if (severity != null && recommended != null && !Objects.equals(severity.name(), recommended)) {
      input.check(input.optionalText(SEVERITY_OVERRIDE_REASON, NOTES) != null,
          SEVERITY_OVERRIDE_REASON + " is required when the severity differs from the recommended " + recommended);
    }
    input.requireMatching(DEVELOPER, TaskInput.USER_ID, "a user id such as jane.doe");
    input.requireOneOf(RELEASE_PATH, ReleasePath.class);
    input.optionalText(TARGET_RELEASE, 64);
  }
}
