package dev.supportdesk.escalation.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.stereotype.Service;

/**
 * The path a case actually took through each of its diagrams, from the history: every element with
 * a recorded activity instance, and every sequence flow between two recorded instances.
 *
 * <p>Camunda 7 records activity instances, not the flows between them. A flow counts as taken when
 * its target has an instance and its source has an instance in the same scope that ended no later
 * than the target started; of several such incoming flows, the one whose source instance ended last
 * (at the same millisecond: occurred last in the history's order). A joining parallel or
 * inclusive gateway takes every incoming flow whose source so ended. Nothing else is inferred.
 */
@Service
public class CasePathService {

  /**
   * @param visited how many instances each element had (multi-instance bodies count as their activity)
   * @param active elements with an instance still running
   * @param takenFlows ids of the sequence flows taken
   * @param bpmnXml the diagram of the version the instance ran on
   */
  public record ProcessPath(String processInstanceId, String superProcessInstanceId, String processDefinitionId,
      String processDefinitionKey, String processDefinitionName, Map<String, Integer> visited,
      Set<String> active, Set<String> takenFlows, String bpmnXml) {}

  private final HistoryService history;
  private final RepositoryService repository;

  public CasePathService(HistoryService history, RepositoryService repository) {
    this.history = history;
    this.repository = repository;
  }

  public List<ProcessPath> paths(List<HistoricProcessInstance> instances, boolean withXml) {
    List<ProcessPath> paths = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).orderPartiallyByOccurrence().asc().list();
      BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
      Map<String, Integer> visited = new LinkedHashMap<>();
      Set<String> active = new LinkedHashSet<>();
      for (HistoricActivityInstance activity : activities) {
        String element = elementId(activity.getActivityId());
        if (isInnerInstanceOfMultiInstance(activity, activities)) {
          continue;
        }
        visited.merge(element, 1, Integer::sum);
        if (activity.getEndTime() == null) {
          active.add(element);
        }
      }
      paths.add(new ProcessPath(instance.getId(), instance.getSuperProcessInstanceId(),
          instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(), instance.getProcessDefinitionName(),
          visited, active, takenFlows(model, activities), withXml ? xml(instance.getProcessDefinitionId()) : null));
    }
    return paths;
  }

  static Set<String> takenFlows(BpmnModelInstance model, List<HistoricActivityInstance> activities) {
    Set<String> taken = new LinkedHashSet<>();
    Map<String, List<Integer>> instancesOfElement = new HashMap<>();
    for (int i = 0; i < activities.size(); i++) {
      instancesOfElement.computeIfAbsent(elementId(activities.get(i).getActivityId()), id -> new ArrayList<>()).add(i);
    }
    for (int t = 0; t < activities.size(); t++) {
      HistoricActivityInstance target = activities.get(t);
      if (isInnerInstanceOfMultiInstance(target, activities)) {
        continue;
      }
      if (!(model.getModelElementById(elementId(target.getActivityId())) instanceof FlowNode node)) {
        continue;
      }
      Collection<SequenceFlow> incoming = node.getIncoming();
      if (incoming.isEmpty()) {
        continue;
      }
      boolean join = node instanceof ParallelGateway || node instanceof InclusiveGateway;
      SequenceFlow best = null;
      int bestIndex = -1;
      for (SequenceFlow flow : incoming) {
        int source = latestSourceBefore(flow.getSource().getId(), target, t, activities, instancesOfElement);
        if (source < 0) {
          continue;
        }
        if (join) {
          taken.add(flow.getId());
          continue;
        }
        if (best == null || endedLater(activities.get(source), source, activities.get(bestIndex), bestIndex)) {
          best = flow;
          bestIndex = source;
        }
      }
      if (best != null) {
        taken.add(best.getId());
      }
    }
    return taken;
  }

  /** The later end wins; at the same millisecond, the later occurrence. */
  private static boolean endedLater(HistoricActivityInstance candidate, int candidateIndex,
      HistoricActivityInstance best, int bestIndex) {
    int byEnd = candidate.getEndTime().compareTo(best.getEndTime());
    return byEnd > 0 || byEnd == 0 && candidateIndex > bestIndex;
  }

  /** Index of the last instance of the source element in the target's scope that ended before it started. */
  private static int latestSourceBefore(String sourceElement, HistoricActivityInstance target, int targetIndex,
      List<HistoricActivityInstance> activities, Map<String, List<Integer>> instancesOfElement) {
    int latest = -1;
    for (int index : instancesOfElement.getOrDefault(sourceElement, List.of())) {
      HistoricActivityInstance source = activities.get(index);
      if (index == targetIndex || source.getEndTime() == null || source.isCanceled()
          || source.getEndTime().after(target.getStartTime())
          || !sameScope(source, target)) {
        continue;
      }
      if (latest < 0 || endedLater(source, index, activities.get(latest), latest)) {
        latest = index;
      }
    }
    return latest;
  }

  /** The multi-instance body is the instance that flows reach; its children are instances of the same scope. */
  private static boolean sameScope(HistoricActivityInstance source, HistoricActivityInstance target) {
    return String.valueOf(source.getParentActivityInstanceId()).equals(String.valueOf(target.getParentActivityInstanceId()));
  }

  private static boolean isInnerInstanceOfMultiInstance(HistoricActivityInstance activity,
      List<HistoricActivityInstance> activities) {
    if (activity.getActivityId() == null || activity.getActivityId().endsWith(CaseRecordService.MULTI_INSTANCE_BODY)) {
      return false;
    }
    String parent = activity.getParentActivityInstanceId();
    for (HistoricActivityInstance other : activities) {
      if (other.getId().equals(parent)) {
        return (activity.getActivityId() + CaseRecordService.MULTI_INSTANCE_BODY).equals(other.getActivityId());
      }
    }
    return false;
  }

  static String elementId(String activityId) {
    if (activityId == null) {
      return "";
    }
    return activityId.endsWith(CaseRecordService.MULTI_INSTANCE_BODY)
        ? activityId.substring(0, activityId.length() - CaseRecordService.MULTI_INSTANCE_BODY.length())
        : activityId;
  }

  private String xml(String processDefinitionId) {
    try (InputStream in = repository.getProcessModel(processDefinitionId)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
