package dev.supportdesk.escalation.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * The one declarative table of what each group may do; {@link AccessBootstrap} makes the engine's
 * authorizations match it at every start.
 *
 * <p>Task permissions are not in the table: the engine grants READ and TASK_WORK on a task to its
 * candidate groups and assignee, so agents see and work only the tasks routed to them. Customers get
 * nothing here: they never use the webapps or /engine-rest, only the application's own API.
 */
public final class AccessPolicy {

  /** Tasklist, Cockpit and Admin are the engine's "application" resource ids. */
  public static final String TASKLIST = "tasklist";
  public static final String COCKPIT = "cockpit";

  /** The main process: tier 1 agents open cases on a customer's behalf from Tasklist. */
  public static final String SUPPORT_CASE_PROCESS = "SupportCaseProcess";
  /** Tier 1 leads start it from Tasklist to give a case another owner. */
  public static final String CASE_OWNER_REASSIGNMENT_PROCESS = "CaseOwnerReassignmentProcess";

  public record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
    Grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
      this(groupId, resource, resourceId, List.of(permissions));
    }
  }

  private AccessPolicy() {}

  public static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (String agents : Groups.AGENT_GROUPS) {
      grants.add(new Grant(agents, Resources.APPLICATION, TASKLIST, Permissions.ACCESS));
      // Tasklist shows process names and diagrams of the tasks it lists.
      grants.add(new Grant(agents, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ));
    }
    grants.add(new Grant(Groups.TIER1, Resources.PROCESS_DEFINITION, SUPPORT_CASE_PROCESS,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE));
    grants.add(new Grant(Groups.TIER1, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));
    // Tier 1 leads move a case to another owner ("Reassign case owner" in Tasklist).
    grants.add(new Grant(Groups.TIER1_LEADS, Resources.PROCESS_DEFINITION, CASE_OWNER_REASSIGNMENT_PROCESS,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE));
    grants.add(new Grant(Groups.TIER1_LEADS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));

    // Auditors: read everything, change nothing.
    grants.add(new Grant(Groups.AUDITORS, Resources.APPLICATION, COCKPIT, Permissions.ACCESS));
    grants.add(new Grant(Groups.AUDITORS, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE,
        ProcessDefinitionPermissions.READ_HISTORY_VARIABLE));
    grants.add(new Grant(Groups.AUDITORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
    grants.add(new Grant(Groups.AUDITORS, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.READ_VARIABLE));
    grants.add(new Grant(Groups.AUDITORS, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ));
    grants.add(new Grant(Groups.AUDITORS, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ, HistoricTaskPermissions.READ_VARIABLE));
    grants.add(new Grant(Groups.AUDITORS, Resources.DEPLOYMENT, ANY, Permissions.READ));
    grants.add(new Grant(Groups.AUDITORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
    grants.add(new Grant(Groups.AUDITORS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
    grants.add(new Grant(Groups.AUDITORS, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ));

    // Process owners: deploy new diagram versions (Camunda Modeler's Deploy dialog) and watch them run.
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, COCKPIT, Permissions.ACCESS));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
    return List.copyOf(grants);
  }
}
