package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.support.ProcessTestEngine;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.supportdesk.escalation.intake.SharedAccessRequestProcess.Decision;
import dev.supportdesk.escalation.security.Groups;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Process test (scope 2) of processes/SharedAccessRequestProcess.bpmn: every path, delegates mocked. */
@Deployment(resources = {"processes/SharedAccessRequestProcess.bpmn", "forms/ReviewSharedAccess.form"})
class SharedAccessRequestProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  SharedAccessService service = mock(SharedAccessService.class);

  @BeforeEach
  void bindEngineAndDelegates() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("sharedAccessReviewListener", new SharedAccessReviewListener());
    Mocks.register("grantSharedAccess", new GrantSharedAccessDelegate(service));
    Mocks.register("refuseSharedAccess", new RefuseSharedAccessDelegate(service));
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  ProcessInstance request() {
    return runtimeService().startProcessInstanceByKey(SharedAccessRequestProcess.PROCESS_ID, "request-1", Map.of(
        SharedAccessRequestProcess.REQUEST_ID, "request-1",
        SharedAccessRequestProcess.ORGANISATION_ID, "org-acme",
        SharedAccessRequestProcess.ORGANISATION_NAME, "ACME",
        SharedAccessRequestProcess.REQUESTED_BY, "carl",
        SharedAccessRequestProcess.REASON, "Our on-call team shares every case"));
  }

  @Test
  void approvedRequestGrantsSharedAccess() {
    ProcessInstance instance = request();
    assertThat(instance).isWaitingAt(SharedAccessRequestProcess.TASK_REVIEW);
    assertThat(task(instance)).hasCandidateGroup(Groups.TIER2_LEADS);

    engine.getProcessEngine().getIdentityService().setAuthenticatedUserId("tess.lead");
    try {
      complete(task(instance), Map.of(SharedAccessRequestProcess.DECISION, Decision.APPROVED.name()));
    } finally {
      engine.getProcessEngine().getIdentityService().clearAuthentication();
    }

    assertThat(instance).isEnded().hasPassed(SharedAccessRequestProcess.TASK_GRANT, SharedAccessRequestProcess.END_GRANTED);
    verify(service).grant("request-1", "org-acme", "tess.lead", null);
    verify(service, never()).refuse(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
        org.mockito.ArgumentMatchers.any());
  }

  @Test
  void refusedRequestIsRecordedWithItsNote() {
    ProcessInstance instance = request();

    complete(task(instance), Map.of(SharedAccessRequestProcess.DECISION, Decision.REFUSED.name(),
        SharedAccessRequestProcess.DECISION_NOTE, "Customer contract does not allow it"));

    assertThat(instance).isEnded()
        .hasPassed(SharedAccessRequestProcess.TASK_RECORD_REFUSAL, SharedAccessRequestProcess.END_REFUSED)
        .hasNotPassed(SharedAccessRequestProcess.TASK_GRANT);
    verify(service).refuse("request-1", null, "Customer contract does not allow it");
  }

  @Test
  void reviewCannotBeCompletedWithoutAValidDecision() {
    ProcessInstance instance = request();
    String taskId = task(instance).getId();

    assertThatThrownBy(() -> taskService().complete(taskId, Map.of())).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining(SharedAccessRequestProcess.DECISION);
    assertThatThrownBy(() -> taskService().complete(taskId, Map.of(SharedAccessRequestProcess.DECISION, "MAYBE")))
        .hasMessageContaining("APPROVED or REFUSED");
    assertThatThrownBy(() -> taskService().complete(taskId,
        Map.of(SharedAccessRequestProcess.DECISION, Decision.REFUSED.name())))
        .hasMessageContaining(SharedAccessRequestProcess.DECISION_NOTE);

    assertThat(instance).isWaitingAt(SharedAccessRequestProcess.TASK_REVIEW);
  }
}
