package dev.supportdesk.escalation.audit;

import dev.supportdesk.escalation.audit.CaseRecord.Clause;
import dev.supportdesk.escalation.audit.CaseRecord.CommentInfo;
import dev.supportdesk.escalation.audit.CaseRecord.DecisionTaken;
import dev.supportdesk.escalation.audit.CaseRecord.IncidentInfo;
import dev.supportdesk.escalation.audit.CaseRecord.OperationEntry;
import dev.supportdesk.escalation.audit.CaseRecord.ProcessInstanceInfo;
import dev.supportdesk.escalation.audit.CaseRecord.TimelineEntry;
import dev.supportdesk.escalation.audit.CaseRecord.VariableChange;
import dev.supportdesk.escalation.audit.CaseSlaRecords.SlaRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Service;

/**
 * Assembles a case's full record from Camunda's history (the case's process instance and every
 * process it called, found by business key and by call links) and the application's own tables.
 * Runs as the logged-in user, so the engine's authorizations apply.
 */
@Service
public class CaseRecordService {

  static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  private final HistoryService history;
  private final TaskService tasks;
  private final AuditProperties properties;
  private final CaseSearchService search;
  private final CaseApplicationRecords applicationRecords;

  public CaseRecordService(HistoryService history, TaskService tasks, AuditProperties properties,
      CaseSearchService search, CaseApplicationRecords applicationRecords) {
    this.history = history;
    this.tasks = tasks;
    this.properties = properties;
    this.search = search;
    this.applicationRecords = applicationRecords;
  }

  /**
   * The case's process instances: the main one first, then those it called, in start order. Empty
   * when no process instance has this reference.
   */
  public List<HistoricProcessInstance> processInstances(String reference) {
    Map<String, HistoricProcessInstance> found = new LinkedHashMap<>();
    Deque<String> toExpand = new ArrayDeque<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(reference).orderByProcessInstanceStartTime().asc().list()) {
      found.put(instance.getId(), instance);
      toExpand.add(instance.getId());
    }
    while (!toExpand.isEmpty()) {
      for (HistoricProcessInstance called : history.createHistoricProcessInstanceQuery()
          .superProcessInstanceId(toExpand.pop()).list()) {
        if (found.putIfAbsent(called.getId(), called) == null) {
          toExpand.add(called.getId());
        }
      }
    }
    List<HistoricProcessInstance> instances = new ArrayList<>(found.values());
    instances.sort(Comparator
        .comparing((HistoricProcessInstance instance) -> !isMain(instance))
        .thenComparing(HistoricProcessInstance::getStartTime));
    return instances;
  }

  private boolean isMain(HistoricProcessInstance instance) {
    return properties.processDefinitionKey().equals(instance.getProcessDefinitionKey())
        && instance.getSuperProcessInstanceId() == null;
  }

  public Optional<CaseRecord> record(String reference) {
    List<HistoricProcessInstance> instances = processInstances(reference);
    if (instances.isEmpty()) {
      return Optional.empty();
    }
    CaseRow summary = search.rows(List.of(instances.get(0))).get(0);
    if (summary.reference() == null) {
      summary = new CaseRow(reference, summary.processInstanceId(), summary.processDefinitionKey(),
          summary.processDefinitionVersion(), summary.state(), summary.startTime(), summary.endTime(),
          summary.durationMillis(), summary.organisationId(), summary.priority(), summary.severity(),
          summary.caseStatus(), summary.summary(), summary.slaOutcome());
    }
    Map<String, String> keys = instances.stream()
        .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getProcessDefinitionKey));

    List<TimelineEntry> timeline = new ArrayList<>();
    List<DecisionTaken> decisions = new ArrayList<>();
    List<VariableChange> variableChanges = new ArrayList<>();
    List<IncidentInfo> incidents = new ArrayList<>();
    List<OperationEntry> operations = new ArrayList<>();
    List<CommentInfo> comments = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      String id = instance.getId();
      String key = instance.getProcessDefinitionKey();
      List<OperationEntry> operationsOfInstance = operations(id);
      operations.addAll(operationsOfInstance);
      Map<String, String> operators = new HashMap<>();
      operationsOfInstance.stream().filter(op -> op.operationId() != null && op.userId() != null)
          .forEach(op -> operators.putIfAbsent(op.operationId(), op.userId()));
      activities(id, key, timeline);
      decisions(id, key, decisions, timeline);
      variableChanges(id, key, operators, variableChanges, timeline);
      incidents(id, key, incidents, timeline);
      comments(id, key, comments, timeline);
    }
    String mainKey = keys.get(instances.get(0).getId());
    String mainId = instances.get(0).getId();

    List<SlaRecord> sla = search.slaRecords().forCase(reference);
    for (SlaRecord record : sla) {
      Map<String, Object> details = details("target", record.target(), "outcome", record.outcome(),
          "due", record.due(), "detail", record.detail());
      if (record.warnedAt() != null) {
        timeline.add(entry(record.warnedAt(), "SLA", "SLA warning: " + record.target(), null, mainKey, mainId, null, details));
      }
      if (record.breachedAt() != null) {
        timeline.add(entry(record.breachedAt(), "SLA", "SLA breached: " + record.target(), null, mainKey, mainId, null, details));
      }
      if (record.metAt() != null) {
        timeline.add(entry(record.metAt(), "SLA", "SLA met: " + record.target(), null, mainKey, mainId, null, details));
      }
    }
    var notifications = applicationRecords.notifications(reference);
    for (var notification : notifications) {
      timeline.add(entry(notification.createdAt(), "NOTIFICATION",
          "Notification " + notification.kind() + ": " + notification.subject(), null, mainKey, mainId, null,
          details("recipient", notification.recipient(), "status", notification.status(),
              "attempts", notification.attempts(), "sentAt", notification.sentAt())));
    }
    var statusChanges = applicationRecords.statusChanges(reference);
    for (var change : statusChanges) {
      timeline.add(entry(change.enteredAt(), "STATUS", "Customer-facing status: " + change.status(), null,
          change.processKey(), null, change.activityId(), details()));
    }
    for (var rated : applicationRecords.satisfaction(reference)) {
      timeline.add(entry(rated.ratedAt(), "SATISFACTION", "Customer satisfaction: " + rated.rating() + " of 5",
          rated.customerId(), mainKey, mainId, null, details("rating", rated.rating(), "comment", rated.comment())));
    }
    for (var link : applicationRecords.problemLinks(reference)) {
      timeline.add(entry(link.linkedAt(), "PROBLEM_LINK", "Linked to engineering ticket " + link.ticketKey(),
          link.linkedBy(), mainKey, mainId, null, details("ticket", link.ticketKey())));
      if (link.unlinkedAt() != null) {
        timeline.add(entry(link.unlinkedAt(), "PROBLEM_LINK", "Unlinked from engineering ticket " + link.ticketKey(),
            link.unlinkedBy(), mainKey, mainId, null, details("ticket", link.ticketKey(), "reason", link.unlinkReason())));
      }
    }
    var customerMessages = applicationRecords.customerMessages(reference);
    for (var message : customerMessages) {
      timeline.add(entry(message.createdAt(), "CUSTOMER_MESSAGE", "Customer message (" + message.kind() + ")",
          message.author(), mainKey, mainId, null, details("text", message.body())));
    }
    // stable: entries of one instant keep the order they were recorded in
    timeline.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
    operations.sort(Comparator.comparing(OperationEntry::timestamp, Comparator.nullsLast(Comparator.naturalOrder())));

    List<ProcessInstanceInfo> infos = instances.stream().map(instance -> new ProcessInstanceInfo(instance.getId(),
        instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(), instance.getProcessDefinitionName(),
        instance.getProcessDefinitionVersion(), instance.getBusinessKey(), instance.getSuperProcessInstanceId(),
        instance.getState(), CaseSearchService.instant(instance.getStartTime()),
        CaseSearchService.instant(instance.getEndTime()), instance.getDurationInMillis(), instance.getStartUserId(),
        instance.getDeleteReason())).toList();
    return Optional.of(new CaseRecord(summary, infos, timeline, decisions, variableChanges, incidents, operations,
        sla, notifications, statusChanges, customerMessages, comments));
  }

  private void activities(String processInstanceId, String key, List<TimelineEntry> timeline) {
    for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId).orderPartiallyByOccurrence().asc().list()) {
      if (activity.getActivityId() != null && activity.getActivityId().endsWith(MULTI_INSTANCE_BODY)) {
        continue;
      }
      String who = activity.getAssignee();
      List<String> candidates = activity.getTaskId() == null ? List.of() : candidateGroups(activity.getTaskId());
      if (who == null && !candidates.isEmpty()) {
        who = candidates.stream().map(group -> "group:" + group).collect(Collectors.joining(", "));
      }
      String name = activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
      String state = activity.getEndTime() == null ? "active" : activity.isCanceled() ? "canceled" : "completed";
      timeline.add(new TimelineEntry(CaseSearchService.instant(activity.getStartTime()),
          CaseSearchService.instant(activity.getEndTime()), activity.getDurationInMillis(), "ACTIVITY", name, who, key,
          processInstanceId, activity.getActivityId(),
          details("activityType", activity.getActivityType(), "state", state, "candidateGroups",
              candidates.isEmpty() ? null : candidates, "taskId", activity.getTaskId(),
              "calledProcessInstanceId", activity.getCalledProcessInstanceId())));
    }
  }

  private List<String> candidateGroups(String taskId) {
    return history.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.CANDIDATE)
        .orderByTime().asc().list().stream()
        .filter(link -> link.getGroupId() != null && "add".equals(link.getOperationType()))
        .map(HistoricIdentityLinkLog::getGroupId).distinct().toList();
  }

  private void decisions(String processInstanceId, String key, List<DecisionTaken> decisions,
      List<TimelineEntry> timeline) {
    for (HistoricDecisionInstance decision : history.createHistoricDecisionInstanceQuery()
        .processInstanceId(processInstanceId).includeInputs().includeOutputs().disableCustomObjectDeserialization()
        .orderByEvaluationTime().asc().list()) {
      List<Clause> inputs = new ArrayList<>();
      for (HistoricDecisionInputInstance input : decision.getInputs()) {
        inputs.add(new Clause(input.getClauseName() != null ? input.getClauseName() : input.getClauseId(), null,
            Values.display(input.getTypedValue()), null));
      }
      List<Clause> outputs = new ArrayList<>();
      for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
        outputs.add(new Clause(output.getClauseName() != null ? output.getClauseName() : output.getClauseId(),
            output.getVariableName(), Values.display(output.getTypedValue()), output.getRuleId()));
      }
      DecisionTaken taken = new DecisionTaken(decision.getId(), CaseSearchService.instant(decision.getEvaluationTime()),
          decision.getDecisionDefinitionKey(), decision.getDecisionDefinitionName(), processInstanceId,
          decision.getActivityId(), decision.getUserId(), inputs, outputs);
      decisions.add(taken);
      String name = decision.getDecisionDefinitionName() != null ? decision.getDecisionDefinitionName()
          : decision.getDecisionDefinitionKey();
      timeline.add(entry(taken.evaluationTime(), "DECISION", "Decision: " + name, decision.getUserId(), key,
          processInstanceId, decision.getActivityId(),
          details("decisionDefinitionKey", decision.getDecisionDefinitionKey(),
              "inputs", clauses(inputs), "outputs", clauses(outputs))));
    }
  }

  private static Map<String, String> clauses(List<Clause> clauses) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Clause clause : clauses) {
      String name = clause.variable() != null ? clause.variable() : clause.clause();
      values.merge(name, clause.value() == null ? "null" : clause.value(), (a, b) -> a + "; " + b);
    }
    return values;
  }

  /** {@code operators}: user operation id to user, naming who changed a variable by hand. */
  private void variableChanges(String processInstanceId, String key, Map<String, String> operators,
      List<VariableChange> changes, List<TimelineEntry> timeline) {
    Map<String, String> previous = new HashMap<>();
    for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .variableUpdates().disableCustomObjectDeserialization().orderPartiallyByOccurrence().asc().list()) {
      if (!(detail instanceof HistoricVariableUpdate update)) {
        continue;
      }
      String scope = update.getVariableInstanceId();
      String value = Values.display(update.getTypedValue());
      String before = previous.put(scope, value);
      VariableChange change = new VariableChange(CaseSearchService.instant(update.getTime()), processInstanceId,
          update.getActivityInstanceId(), update.getVariableName(), update.getTypeName(), before, value,
          update.getRevision(), update.getUserOperationId());
      changes.add(change);
      String title = before == null && update.getRevision() == 0
          ? "Variable set: " + update.getVariableName() + " = " + value
          : "Variable changed: " + update.getVariableName() + " = " + value + " (was " + before + ")";
      String who = update.getUserOperationId() == null ? null : operators.get(update.getUserOperationId());
      timeline.add(entry(change.time(), "VARIABLE", title, who, key, processInstanceId, null,
          details("name", update.getVariableName(), "type", update.getTypeName(), "value", value,
              "previousValue", before, "revision", update.getRevision(),
              "byUserOperation", update.getUserOperationId())));
    }
  }

  private void incidents(String processInstanceId, String key, List<IncidentInfo> incidents,
      List<TimelineEntry> timeline) {
    for (HistoricIncident incident : history.createHistoricIncidentQuery().processInstanceId(processInstanceId)
        .orderByCreateTime().asc().list()) {
      String state = incident.isOpen() ? "open" : incident.isResolved() ? "resolved" : "deleted";
      IncidentInfo info = new IncidentInfo(incident.getId(), CaseSearchService.instant(incident.getCreateTime()),
          CaseSearchService.instant(incident.getEndTime()), state, incident.getIncidentType(),
          incident.getIncidentMessage(), processInstanceId, incident.getActivityId(), incident.getJobDefinitionId());
      incidents.add(info);
      Long duration = info.endTime() == null ? null : info.endTime().toEpochMilli() - info.createTime().toEpochMilli();
      timeline.add(new TimelineEntry(info.createTime(), info.endTime(), duration, "INCIDENT",
          "Incident (" + incident.getIncidentType() + "): " + incident.getIncidentMessage(), null, key,
          processInstanceId, incident.getActivityId(), details("state", state)));
    }
  }

  private void comments(String processInstanceId, String key, List<CommentInfo> comments,
      List<TimelineEntry> timeline) {
    for (Comment comment : tasks.getProcessInstanceComments(processInstanceId)) {
      CommentInfo info = new CommentInfo(CaseSearchService.instant(comment.getTime()), comment.getUserId(),
          comment.getFullMessage(), processInstanceId, comment.getTaskId());
      comments.add(info);
      timeline.add(entry(info.time(), "COMMENT", "Comment", comment.getUserId(), key, processInstanceId, null,
          details("text", comment.getFullMessage(), "taskId", comment.getTaskId())));
    }
  }

  private List<OperationEntry> operations(String processInstanceId) {
    return history.createUserOperationLogQuery().processInstanceId(processInstanceId).orderByTimestamp().asc()
        .list().stream().map(CaseRecordService::operation).toList();
  }

  private static OperationEntry operation(UserOperationLogEntry entry) {
    return new OperationEntry(CaseSearchService.instant(entry.getTimestamp()), entry.getUserId(),
        entry.getOperationType(), entry.getEntityType(), entry.getCategory(), entry.getProperty(),
        entry.getOrgValue(), entry.getNewValue(), entry.getProcessInstanceId(), entry.getTaskId(), entry.getJobId(),
        entry.getOperationId(), entry.getAnnotation());
  }

  private static TimelineEntry entry(Instant at, String kind, String title, String who, String key,
      String processInstanceId, String activityId, Map<String, Object> details) {
    return new TimelineEntry(at, null, null, kind, title, who, key, processInstanceId, activityId, details);
  }

  /** Name/value pairs without the nulls, in the given order. */
  static Map<String, Object> details(Object... namesAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        details.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return details;
  }
}
