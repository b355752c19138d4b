package dev.supportdesk.escalation.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import dev.supportdesk.escalation.queue.QueueVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The Tasklist queues agents see on the left: one per tier plus "My tasks". Created once; a process
 * owner or admin may later change a filter in Tasklist and the change is kept.
 */
@Component
public class TasklistFilters {

  public static final String MY_TASKS = "My tasks";
  public static final String TIER1_QUEUE = "Tier 1 queue";
  public static final String TIER2_QUEUE = "Tier 2 queue";
  public static final String ENGINEERING_QUEUE = "Engineering queue";
  public static final String QA_QUEUE = "QA queue";
  public static final String OTHER_TEAMS_QUEUE = "Other teams queue";
  public static final String LEADS_QUEUE = "Leads queue";
  public static final String PRODUCT_QUEUE = "Product management queue";

  /** The filter property Tasklist reads to list variables under each task. */
  static final String VARIABLES = "variables";

  record Queue(String name, int priority, String color, String description, List<String> groups) {}

  static final List<Queue> QUEUES = List.of(
      new Queue(MY_TASKS, -10, "#1f77b4", "Tasks assigned to me", Groups.AGENT_GROUPS),
      new Queue(TIER1_QUEUE, 10, "#2ca02c", "First-line analysis and customer communication", List.of(Groups.TIER1)),
      new Queue(TIER2_QUEUE, 20, "#ff7f0e", "Investigation and root-cause analysis", List.of(Groups.TIER2)),
      new Queue(ENGINEERING_QUEUE, 30, "#d62728", "Defects, fixes and releases", List.of(Groups.ENGINEERING)),
      new Queue(QA_QUEUE, 40, "#9467bd", "Fix verification", List.of(Groups.QA)),
      new Queue(PRODUCT_QUEUE, 45, "#17becf", "Feature and integration requests",
          List.of(Groups.PRODUCT_MANAGEMENT)),
      new Queue(LEADS_QUEUE, 60, "#e377c2", "SLA warnings, breaches and approvals",
          List.of(Groups.TIER1_LEADS, Groups.TIER2_LEADS, Groups.ENGINEERING_LEADS)),
      new Queue(OTHER_TEAMS_QUEUE, 50, "#8c564b", "Requests from Tier 2 to other teams",
          List.of(Groups.NETWORK_OPERATIONS, Groups.DATABASE_ADMINISTRATORS)));

  public void ensure(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    for (Queue queue : QUEUES) {
      Filter filter = filters.createFilterQuery().filterName(queue.name()).singleResult();
      if (filter == null) {
        filter = filters.newTaskFilter(queue.name())
            .setQuery(queryOf(engine, queue))
            .setProperties(propertiesOf(queue));
        filters.saveFilter(filter);
      } else if (!filter.getProperties().containsKey(VARIABLES)) {
        upgrade(engine, queue, filter);
      }
      for (String group : queue.groups()) {
        AccessBootstrap.ensureGrant(engine.getAuthorizationService(),
            new AccessPolicy.Grant(group, Resources.FILTER, filter.getId(), Permissions.READ));
      }
    }
  }

  /**
   * A filter created before queues showed the case is given the columns and the ordering once; a
   * filter that already lists variables was shaped by someone in Tasklist and is left as it is.
   */
  private static void upgrade(ProcessEngine engine, Queue queue, Filter filter) {
    Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties());
    properties.put(VARIABLES, columns());
    properties.put("showUndefinedVariable", false);
    filter.setProperties(properties);
    filter.setQuery(queryOf(engine, queue));
    engine.getFilterService().saveFilter(filter);
  }

  /**
   * Who sees the queue, ordered by the case's priority (P0 first) and then by due date. A filter's
   * own ordering comes before the sorting an agent picks in Tasklist, so the most urgent case always
   * heads the list and the agent's choice orders cases of equal priority and due date.
   */
  private static TaskQuery queryOf(ProcessEngine engine, Queue queue) {
    TaskQuery query = engine.getTaskService().createTaskQuery();
    if (MY_TASKS.equals(queue.name())) {
      query.taskAssigneeExpression("${currentUser()}");
    } else if (queue.groups().size() == 1) {
      query.taskCandidateGroup(queue.groups().get(0)).includeAssignedTasks();
    } else {
      query.taskCandidateGroupIn(queue.groups()).includeAssignedTasks();
    }
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  /** The case columns every queue lists under each task (see {@link QueueVariables}). */
  private static List<Map<String, String>> columns() {
    return QueueVariables.COLUMNS.stream()
        .map(column -> Map.of("name", column.name(), "label", column.label()))
        .toList();
  }

  private static Map<String, Object> propertiesOf(Queue queue) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", queue.description());
    properties.put("priority", queue.priority());
    properties.put("color", queue.color());
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put(VARIABLES, columns());
    return properties;
  }
}
