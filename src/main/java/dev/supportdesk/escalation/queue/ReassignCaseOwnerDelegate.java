package dev.supportdesk.escalation.queue;

import dev.supportdesk.escalation.casefile.CaseReferences;
import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
import dev.supportdesk.escalation.casefile.TaskInput;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * "Move case to new owner" of CaseOwnerReassignmentProcess ({@code ${reassignCaseOwner}}): a Tier 1
 * lead (or an administrator) makes another Tier 1 agent the case's owner. Bad input goes back to the
 * lead's start form as one {@link InvalidTaskInputException}; nothing is changed then. The instance
 * takes the case's reference as its business key and keeps the previous owner, so the case's history
 * shows who moved it, from whom, to whom and why.
 */
@Component("reassignCaseOwner")
public class ReassignCaseOwnerDelegate implements JavaDelegate {

  public static final String PROCESS_ID = "CaseOwnerReassignmentProcess";
  public static final String CASE_REFERENCE = "caseReference";
  public static final String NEW_OWNER = "newCaseOwner";
  public static final String REASON = "reassignmentReason";
  public static final String REASSIGNED_BY = "reassignedBy";
  public static final String PREVIOUS_OWNER = "previousCaseOwner";
  static final String STEP = "Reassign case owner";

  private final CaseOwnership ownership;

  public ReassignCaseOwnerDelegate(CaseOwnership ownership) {
    this.ownership = ownership;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TaskInput input = TaskInput.of(STEP, execution::getVariable);
    String reference = input.requireMatching(CASE_REFERENCE, CaseReferences.FORMAT, "a case reference such as CASE-2026-7K2M9Q");
    String owner = input.requireMatching(NEW_OWNER, TaskInput.USER_ID, "a user id");
    input.requireText(REASON, 10, 2_000);
    input.throwIfInvalid();
    String lead = (String) execution.getVariable(REASSIGNED_BY);
    ProcessEngineServices engine = execution.getProcessEngineServices();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      IdentityService identity = engine.getIdentityService();
      if (lead == null || !(isMember(identity, lead, Groups.TIER1_LEADS) || isMember(identity, lead, Groups.CAMUNDA_ADMIN))) {
        throw new AuthorizationException("Only Tier 1 leads reassign cases; " + lead + " is not one");
      }
      if (!isMember(identity, owner, Groups.TIER1)) {
        throw new InvalidTaskInputException(STEP, List.of(NEW_OWNER + " must be a Tier 1 agent: " + owner + " is not"));
      }
      ProcessInstance supportCase = engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(CaseVariables.PROCESS_ID).processInstanceBusinessKey(reference).active().singleResult();
      if (supportCase == null) {
        throw new InvalidTaskInputException(STEP, List.of(CASE_REFERENCE + " names no open case: " + reference));
      }
      execution.setVariable(PREVIOUS_OWNER, engine.getRuntimeService().getVariable(supportCase.getId(), CaseVariables.CASE_OWNER));
      ownership.reassign(engine, reference, owner);
      return null;
    });
    execution.setProcessBusinessKey(reference);
  }

  private static boolean isMember(IdentityService identity, String userId, String groupId) {
    return identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
  }
}
