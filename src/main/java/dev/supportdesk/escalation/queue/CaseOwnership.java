package dev.supportdesk.escalation.queue;

import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.TasklistFilters;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The case owner: "the Support Specialist responsible for your case" (seed 000). The first Tier 1
 * agent a task of the case is assigned to (claiming it in Tasklist) becomes the owner, recorded in
 * {@value CaseVariables#CASE_OWNER} on the case; every open and later task of the case carries the
 * owner in {@value QueueVariables#OWNER}, and the owner gets a personal "My cases" queue listing
 * them (of those the owner may see). A lead moves a case to another owner with {@link #reassign}.
 */
@Component
public class CaseOwnership {

  public static final String MY_CASES = "My cases";

  /** Assignment listener of every user task (see {@link QueuePlugin}). */
  public void take(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null || !isTier1Task(task)) {
      return;
    }
    DelegateExecution root = CaseStatusTracker.rootProcessInstance(task.getExecution());
    if (!isCase(root) || root.getVariable(CaseVariables.CASE_OWNER) != null) {
      return;
    }
    root.setVariable(CaseVariables.CASE_OWNER, assignee);
    task.setVariableLocal(QueueVariables.OWNER, assignee);
    withoutAuthorization(() -> {
      label(task.getProcessEngineServices().getTaskService(), root.getProcessBusinessKey(), assignee);
      ensureMyCases(task.getProcessEngineServices(), assignee);
    });
  }

  /** The case's owner as the case records it, from any process the case called; null before anyone worked it. */
  public String ownerOf(DelegateExecution execution) {
    Object owner = CaseStatusTracker.rootProcessInstance(execution).getVariable(CaseVariables.CASE_OWNER);
    return owner == null ? null : owner.toString();
  }

  /**
   * Makes {@code owner} responsible for the case instead; the case's open tasks move to the new
   * owner's "My cases", and the tasks the previous owner held go to the new one. The caller decides who
   * may do this (a lead: CaseOwnerReassignmentProcess).
   */
  public void reassign(ProcessEngineServices engine, String caseReference, String owner) {
    var instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseReference)
        .processDefinitionKey(CaseVariables.PROCESS_ID).active().singleResult();
    if (instance == null) {
      throw new IllegalArgumentException("No open case " + caseReference);
    }
    Object previous = engine.getRuntimeService().getVariable(instance.getId(), CaseVariables.CASE_OWNER);
    engine.getRuntimeService().setVariable(instance.getId(), CaseVariables.CASE_OWNER, owner);
    label(engine.getTaskService(), caseReference, owner);
    if (previous != null && !previous.equals(owner)) {
      // what the previous owner held as the owner (a follow-up task) goes with the case
      for (Task held : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseReference)
          .taskAssignee(previous.toString()).list()) {
        engine.getTaskService().setAssignee(held.getId(), owner);
      }
    }
    ensureMyCases(engine, owner);
  }

  private static void label(TaskService tasks, String caseReference, String owner) {
    for (Task open : tasks.createTaskQuery().processInstanceBusinessKey(caseReference).list()) {
      tasks.setVariableLocal(open.getId(), QueueVariables.OWNER, owner);
    }
  }

  /** The owner's own queue, created once; it is the owner's filter, visible to nobody else. */
  static void ensureMyCases(ProcessEngineServices engine, String owner) {
    FilterService filters = engine.getFilterService();
    if (filters.createFilterQuery().filterName(MY_CASES).filterOwner(owner).count() > 0) {
      return;
    }
    filters.saveFilter(filters.newTaskFilter(MY_CASES).setOwner(owner)
        .setQuery(engine.getTaskService().createTaskQuery().taskVariableValueEquals(QueueVariables.OWNER, owner)
            .orderByTaskPriority().desc().orderByDueDate().asc())
        .setProperties(TasklistFilters.properties("Open tasks of the cases I am responsible for", -5, "#17a2b8")));
  }

  private static boolean isTier1Task(DelegateTask task) {
    return task.getCandidates().stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
        && Groups.TIER1.equals(link.getGroupId()));
  }

  private static boolean isCase(DelegateExecution root) {
    return root.getProcessDefinitionId() != null
        && root.getProcessDefinitionId().startsWith(CaseVariables.PROCESS_ID + ":");
  }

  /**
   * The claiming agent may not see the case's other tasks (an SLA lead's task) or create filters:
   * labelling them and creating the owner's queue is the application's doing, not the agent's.
   */
  private static void withoutAuthorization(Runnable work) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      work.run();
      return;
    }
    command.runWithoutAuthorization(() -> {
      work.run();
      return null;
    });
  }
}
