package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotifyCustomerDelegate;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/** Organisations, customers and a small conversation diagram for the customer-side integration tests. */
public final class CustomerFixtures {

  /**
   * A test diagram of its own id that talks to the customer the way the case diagrams do: notify,
   * wait for information, notify, wait for the resolution response, notify. Each notify step is
   * asynchronous with the project's retry cycle. One status change only: once the variable
   * {@code caseStatus} exists it shadows the bean of the same name in later expressions.
   */
  public static final String JOURNEY = "CustomerJourneyTestProcess";

  private CustomerFixtures() {}

  public static void organisation(IdentityService identity, String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(Groups.TYPE_ORGANISATION);
      identity.saveGroup(group);
    }
  }

  public static void customer(IdentityService identity, String userId, String organisationId) {
    TestUsers.ensure(identity, userId, Groups.CUSTOMERS, organisationId);
  }

  public static void deployJourney(ProcessEngine engine) {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(JOURNEY).count() == 0) {
      engine.getRepositoryService().createDeployment().name("customer-journey-test")
          .addModelInstance(JOURNEY + ".bpmn", journey()).deploy();
    }
  }

  static BpmnModelInstance journey() {
    var builder = Bpmn.createExecutableProcess(JOURNEY).name("Customer journey (test)").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Journey");
    var afterReceived = notify(builder, "Task_NotifyReceived", NotificationKind.CASE_RECEIVED);
    var afterRequest = notify(afterReceived, "Task_NotifyInformationRequested", NotificationKind.INFORMATION_REQUESTED);
    var afterReply = afterRequest.receiveTask("Task_WaitForInformation").name("Wait for information")
        .message(CaseMessages.CUSTOMER_INFORMATION_RECEIVED)
        .camundaExecutionListenerExpression("start", "${caseStatus.enter(execution, 'WAITING_FOR_CUSTOMER')}");
    var afterProposal = notify(afterReply, "Task_NotifyResolution", NotificationKind.RESOLUTION_PROPOSED);
    var afterResponse = afterProposal.receiveTask("Task_WaitForResolutionResponse").name("Wait for response")
        .message(CaseMessages.RESOLUTION_RESPONSE);
    return notify(afterResponse, "Task_NotifyClosed", NotificationKind.CASE_CLOSED)
        .endEvent("EndEvent_Journey")
        .done();
  }

  private static AbstractFlowNodeBuilder<?, ?> notify(AbstractFlowNodeBuilder<?, ?> from, String id,
      NotificationKind kind) {
    return from.serviceTask(id).name("Notify customer: " + kind.name())
        .camundaDelegateExpression("${notifyCustomer}")
        .camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R5/PT1M")
        .camundaInputParameter(NotifyCustomerDelegate.KIND_PARAMETER, kind.name());
  }
}
