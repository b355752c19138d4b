package dev.supportdesk.escalation.conversation;

import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.feature.FeatureRequestContract;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Who reads a message the customer sent while no step of the case waited for it
 * ({@code ${customerMessageRouting}} in "Customer wrote while no step waited"): the tier that holds the
 * case. Tier 2 while it investigates; product management while it evaluates a feature request and Tier 1
 * has nothing open on the case; otherwise Tier 1, given to the case owner when there is one. Never
 * engineering: engineering works from the sanitised hand-off and never sees the customer's words.
 */
@Component("customerMessageRouting")
public class CustomerMessageRouting {

  /**
   * Start listener of the event subprocess: keeps the message's correlation variables (transient, gone
   * at the end of the transaction) in the subprocess's own scope, and gives it its own empty reply, so
   * each message has its own task, form and answer.
   */
  public void open(DelegateExecution subprocess) {
    for (String name : ConversationVariables.MESSAGE) {
      subprocess.setVariableLocal(name, subprocess.getVariable(name));
    }
    if (subprocess.getVariableLocal(ConversationVariables.MESSAGE_KIND) == null) {
      subprocess.setVariableLocal(ConversationVariables.MESSAGE_KIND, ConversationVariables.MessageKind.MESSAGE.name());
    }
    subprocess.setVariableLocal(ConversationVariables.SUPPORT_REPLY, null);
  }

  /** Candidate group of "Read the customer's message". */
  public String groupFor(DelegateExecution execution) {
    DelegateExecution root = CaseStatusTracker.rootProcessInstance(execution);
    Set<String> running = runningProcesses(execution, root.getProcessBusinessKey());
    if (running.contains(Tier2Contract.PROCESS_ID)) {
      return Groups.TIER2;
    }
    if (running.contains(FeatureRequestContract.PROCESS_ID) && !tier1HasOpenTask(execution, root)) {
      return Groups.PRODUCT_MANAGEMENT;
    }
    return Groups.TIER1;
  }

  /** Assignee of "Read the customer's message": the case owner when Tier 1 holds the case. */
  public String assigneeFor(DelegateExecution execution) {
    if (!Groups.TIER1.equals(groupFor(execution))) {
      return null;
    }
    Object owner = CaseStatusTracker.rootProcessInstance(execution).getVariable(CaseVariables.CASE_OWNER);
    return owner == null ? null : owner.toString();
  }

  private static Set<String> runningProcesses(DelegateExecution execution, String reference) {
    if (reference == null) {
      return Set.of();
    }
    var engine = execution.getProcessEngineServices();
    Set<String> definitionIds = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(reference).active().list().stream()
        .map(ProcessInstance::getProcessDefinitionId).collect(Collectors.toSet());
    if (definitionIds.isEmpty()) {
      return Set.of();
    }
    return engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionIdIn(definitionIds.toArray(String[]::new)).list().stream()
        .map(ProcessDefinition::getKey).collect(Collectors.toSet());
  }

  /** A step of the support case itself that Tier 1 works (analysis, resolution, knowledge base) is open. */
  private static boolean tier1HasOpenTask(DelegateExecution execution, DelegateExecution root) {
    return execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(root.getProcessInstanceId()).list().stream()
        .anyMatch(task -> !ConversationVariables.TASK_READ_CUSTOMER_MESSAGE.equals(task.getTaskDefinitionKey()));
  }
}
