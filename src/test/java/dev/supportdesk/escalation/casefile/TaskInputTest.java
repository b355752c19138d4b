package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;

class TaskInputTest {

  @Test
  void aTaskWhoseExecutionMovedMeanwhileIsAConcurrentChangeNotMissingInput() {
    DelegateTask task = mock(DelegateTask.class);
    when(task.getName()).thenReturn("Confirm defect");
    when(task.getExecutionId()).thenReturn("exec-1");
    when(task.getExecution()).thenReturn(null);

    assertThatThrownBy(() -> TaskInput.of(task))
        .isInstanceOf(OptimisticLockingException.class)
        .hasMessageContaining("updated by another transaction concurrently")
        .hasMessageContaining("Confirm defect");
  }

  @Test
  void aTaskInItsExecutionReadsTheSubmittedValues() {
    DelegateTask task = mock(DelegateTask.class);
    when(task.getName()).thenReturn("Confirm defect");
    when(task.getExecutionId()).thenReturn("exec-1");
    when(task.getExecution()).thenReturn(mock(DelegateExecution.class));
    when(task.getVariable("confirmed")).thenReturn(true);

    TaskInput input = TaskInput.of(task);

    assertThat(input.requireBoolean("confirmed")).isTrue();
    assertThat(input.requireBoolean("reproduced")).isNull();
    assertThatThrownBy(input::throwIfInvalid).isInstanceOf(InvalidTaskInputException.class)
        .hasMessageContaining("reproduced must be true or false");
  }

  @Test
  void aStandaloneTaskWithoutExecutionIsCheckedAsUsual() {
    TaskInput input = TaskInput.of("Confirm defect", Map.of("notes", "Reproduced twice"));

    assertThat(input.requireText("notes", 10, 100)).isEqualTo("Reproduced twice");
  }
}
