package dev.supportdesk.escalation.audit;

import dev.supportdesk.escalation.audit.CaseApplicationRecords.CustomerMessage;
import dev.supportdesk.escalation.audit.CaseApplicationRecords.NotificationSent;
import dev.supportdesk.escalation.audit.CaseApplicationRecords.StatusChange;
import dev.supportdesk.escalation.audit.CaseSlaRecords.SlaRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything recorded about one case: what an auditor reads and exports. */
public record CaseRecord(
    CaseRow summary,
    List<ProcessInstanceInfo> processInstances,
    List<TimelineEntry> timeline,
    List<DecisionTaken> decisions,
    List<VariableChange> variableChanges,
    List<IncidentInfo> incidents,
    List<OperationEntry> operations,
    List<SlaRecord> sla,
    List<NotificationSent> notifications,
    List<StatusChange> statusChanges,
    List<CustomerMessage> customerMessages,
    List<CommentInfo> comments) {

  /** The case's process instance or one it called. */
  public record ProcessInstanceInfo(String id, String processDefinitionId, String processDefinitionKey,
      String processDefinitionName, Integer processDefinitionVersion, String businessKey,
      String superProcessInstanceId, String state, Instant startTime, Instant endTime, Long durationMillis,
      String startUserId, String deleteReason) {}

  /**
   * One thing that happened, in time order.
   *
   * @param kind ACTIVITY, DECISION, VARIABLE, COMMENT, CUSTOMER_MESSAGE, INCIDENT, SLA, NOTIFICATION, STATUS,
   *     PROBLEM_LINK, SATISFACTION
   * @param who the assignee, user or candidate groups ("group:tier1") that acted
   */
  public record TimelineEntry(Instant at, Instant endedAt, Long durationMillis, String kind, String title,
      String who, String processDefinitionKey, String processInstanceId, String activityId,
      Map<String, Object> details) {}

  public record DecisionTaken(String id, Instant evaluationTime, String decisionDefinitionKey,
      String decisionDefinitionName, String processInstanceId, String activityId, String userId,
      List<Clause> inputs, List<Clause> outputs) {}

  /** An input or output of a decision: the clause's label, the variable name (outputs) and the value. */
  public record Clause(String clause, String variable, String value, String ruleId) {}

  public record VariableChange(Instant time, String processInstanceId, String activityInstanceId, String name,
      String type, String previousValue, String value, int revision, String userOperationId) {}

  public record IncidentInfo(String id, Instant createTime, Instant endTime, String state, String incidentType,
      String message, String processInstanceId, String activityId, String jobDefinitionId) {}

  public record OperationEntry(Instant timestamp, String userId, String operationType, String entityType,
      String category, String property, String orgValue, String newValue, String processInstanceId,
      String taskId, String jobId, String operationId, String annotation) {}

  public record CommentInfo(Instant time, String userId, String message, String processInstanceId, String taskId) {}
}
