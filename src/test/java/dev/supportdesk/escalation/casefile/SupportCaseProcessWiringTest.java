package dev.supportdesk.escalation.casefile;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Process test (scope 2) of the wiring diagram: in-memory engine, delegates mocked, coverage gated. */
@Deployment(resources = {"processes/SupportCaseProcess.bpmn", "forms/OpenCase.form", "forms/AnalyseAtTier1.form"})
class SupportCaseProcessWiringTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .assertClassCoverageAtLeast(1.0)
      .build();

  @BeforeEach
  void bindEngineAndMocks() {
    // a @SpringBootTest that ran earlier in this JVM must not leave its engine bound to this thread
    BpmnAwareTests.init(engine.getProcessEngine());
    ExecutionListener assignReference = mock(ExecutionListener.class);
    try {
      doAnswer(call -> {
        DelegateExecution execution = call.getArgument(0);
        if (execution.getProcessBusinessKey() == null) {
          execution.setProcessBusinessKey("CASE-2026-TEST01");
        }
        return null;
      }).when(assignReference).notify(any());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Mocks.register("assignCaseReference", assignReference);
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void caseStartedWithoutReferenceGetsOneAndWaitsInTier1Queue() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID,
        Map.of(CaseVariables.SUMMARY, "Export fails", CaseVariables.DESCRIPTION, "Every export times out"));

    assertThat(instance).isWaitingAt("Task_AnalyseAtTier1").hasBusinessKey("CASE-2026-TEST01");
    assertThat(task()).hasCandidateGroup("tier1");

    complete(task(), Map.of("tier1Findings", "Reproduced with a 60-page report"));

    assertThat(instance).isEnded().hasPassed("EndEvent_CaseClosed");
  }
}
