package dev.supportdesk.escalation.conversation.mail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.supportdesk.escalation.notification.StaffMail;
import dev.supportdesk.escalation.support.ProcessTestEngine;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.springframework.mail.MailSendException;

/** Process test (scope 2) of processes/InboundMailReplyProcess.bpmn: the answer leaves in a job that retries. */
@Deployment(resources = "processes/InboundMailReplyProcess.bpmn")
class InboundMailReplyProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  StaffMail mail = mock(StaffMail.class);

  @BeforeEach
  void bindEngineAndDelegates() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("answerInboundMail", new AnswerInboundMailDelegate(mail));
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  ProcessInstance answer() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(InboundMailVariables.REPLY_TO, "stranger@elsewhere.example");
    variables.put(InboundMailVariables.REPLY_SUBJECT, "We could not open a case for your mail");
    variables.put(InboundMailVariables.REPLY_BODY, "Hello,\n\nwe could not find your account.");
    variables.put(InboundMailVariables.IN_REPLY_TO, "<m1@elsewhere.example>");
    variables.put(InboundMailVariables.CASE_REFERENCE, null);
    return runtimeService().startProcessInstanceByKey(InboundMailVariables.PROCESS_ID, variables);
  }

  @Test
  void theAnswerIsSentInAJobOfItsOwnAnsweringTheSendersMail() {
    ProcessInstance instance = answer();
    assertThat(instance).isWaitingAt("Task_AnswerSender");

    execute(job());

    assertThat(instance).isEnded().hasPassed("Task_AnswerSender", "EndEvent_SenderAnswered");
    ArgumentCaptor<StaffMail.Notice> notice = ArgumentCaptor.forClass(StaffMail.Notice.class);
    verify(mail).answer(notice.capture(), eq("stranger@elsewhere.example"), eq("<m1@elsewhere.example>"));
    org.assertj.core.api.Assertions.assertThat(notice.getValue().subject())
        .isEqualTo("We could not open a case for your mail");
    org.assertj.core.api.Assertions.assertThat(notice.getValue().caseReference()).isNull();
  }

  @Test
  void aMailServerThatStaysDownLeavesAnIncident() {
    doThrow(new MailSendException("connection refused")).when(mail).answer(any(), any(), any());
    ProcessInstance instance = answer();
    Job job = managementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThatThrownBy(() -> managementService().executeJob(job.getId())).isInstanceOf(MailSendException.class);
    }
    assertThat(instance).isWaitingAt("Task_AnswerSender");
    org.assertj.core.api.Assertions.assertThat(runtimeService().createIncidentQuery()
        .processInstanceId(instance.getId()).count()).isOne();
  }
}
