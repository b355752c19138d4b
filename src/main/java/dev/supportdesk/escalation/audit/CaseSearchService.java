package dev.supportdesk.escalation.audit;

import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.casefile.CaseVariables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Finds cases in Camunda's history, running and finished alike, counted and paged by the database:
 * no result cap. Runs as the logged-in user, so the engine's authorizations apply.
 */
@Service
public class CaseSearchService {

  /** A page of the JSON search; exports walk every page. */
  public static final int MAX_PAGE_SIZE = 500;

  static final List<String> ROW_VARIABLES = List.of(CaseVariables.ORGANISATION_ID, CaseVariables.PRIORITY,
      CaseVariables.SEVERITY, CaseStatusTracker.VARIABLE, CaseVariables.SUMMARY);

  public record Page(long count, int firstResult, int maxResults, List<CaseRow> items) {}

  private final HistoryService history;
  private final AuditProperties properties;
  private final ObjectProvider<CaseSlaRecords> slaRecords;

  public CaseSearchService(HistoryService history, AuditProperties properties,
      ObjectProvider<CaseSlaRecords> slaRecords) {
    this.history = history;
    this.properties = properties;
    this.slaRecords = slaRecords;
  }

  public Page search(CaseSearch criteria, int firstResult, int maxResults) {
    int first = Math.max(0, firstResult);
    int max = Math.max(0, Math.min(MAX_PAGE_SIZE, maxResults));
    HistoricProcessInstanceQuery query = query(criteria);
    if (query == null) {
      return new Page(0, first, max, List.of());
    }
    long count = query.count();
    List<CaseRow> items = max == 0 || first >= count ? List.of() : rows(sorted(query, criteria).listPage(first, max));
    return new Page(count, first, max, items);
  }

  /** Every matching case, one page at a time, in the search's order. */
  public void forEachPage(CaseSearch criteria, Consumer<List<CaseRow>> page) {
    HistoricProcessInstanceQuery query = query(criteria);
    if (query == null) {
      return;
    }
    sorted(query, criteria);
    for (int first = 0; ; first += MAX_PAGE_SIZE) {
      List<HistoricProcessInstance> instances = query.listPage(first, MAX_PAGE_SIZE);
      if (instances.isEmpty()) {
        return;
      }
      page.accept(rows(instances));
      if (instances.size() < MAX_PAGE_SIZE) {
        return;
      }
    }
  }

  public CaseSlaRecords slaRecords() {
    return slaRecords.getIfAvailable(() -> CaseSlaRecords.NONE);
  }

  /** Null when no case can match (an SLA outcome no case has). */
  HistoricProcessInstanceQuery query(CaseSearch criteria) {
    HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(properties.processDefinitionKey());
    if (criteria.reference() != null) {
      query.processInstanceBusinessKeyLike(escapeLike(criteria.reference()) + "%");
    }
    if (criteria.organisation() != null) {
      query.variableValueEquals(CaseVariables.ORGANISATION_ID, criteria.organisation());
    }
    if (criteria.priority() != null) {
      query.variableValueEquals(CaseVariables.PRIORITY, criteria.priority());
    }
    if (criteria.severity() != null) {
      query.variableValueEquals(CaseVariables.SEVERITY, criteria.severity());
    }
    if (criteria.slaOutcome() != null) {
      Set<String> references = slaRecords().casesWithOutcome(criteria.slaOutcome());
      if (references.isEmpty()) {
        return null;
      }
      query.processInstanceBusinessKeyIn(references.toArray(String[]::new));
    }
    if (criteria.state() != null) {
      switch (criteria.state()) {
        case RUNNING -> query.unfinished();
        case FINISHED -> query.finished();
        case ACTIVE -> query.active();
        case SUSPENDED -> query.suspended();
        case COMPLETED -> query.completed();
        case EXTERNALLY_TERMINATED -> query.externallyTerminated();
        case INTERNALLY_TERMINATED -> query.internallyTerminated();
        default -> throw new IllegalStateException("unhandled state " + criteria.state());
      }
    }
    if (criteria.startedFrom() != null) {
      query.startedAfter(Date.from(criteria.startedFrom()));
    }
    if (criteria.startedTo() != null) {
      query.startedBefore(Date.from(criteria.startedTo()));
    }
    if (criteria.endedFrom() != null) {
      query.finishedAfter(Date.from(criteria.endedFrom()));
    }
    if (criteria.endedTo() != null) {
      query.finishedBefore(Date.from(criteria.endedTo()));
    }
    return query;
  }

  private static HistoricProcessInstanceQuery sorted(HistoricProcessInstanceQuery query, CaseSearch criteria) {
    switch (criteria.sortBy()) {
      case ENDED -> query.orderByProcessInstanceEndTime();
      case REFERENCE -> query.orderByProcessInstanceBusinessKey();
      case DURATION -> query.orderByProcessInstanceDuration();
      default -> query.orderByProcessInstanceStartTime();
    }
    if (criteria.ascending()) {
      query.asc();
    } else {
      query.desc();
    }
    // a total order, so that pages neither repeat nor skip a case
    return query.orderByProcessInstanceId().asc();
  }

  List<CaseRow> rows(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, String>> variables = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(ROW_VARIABLES.toArray(String[]::new))
        .disableCustomObjectDeserialization()
        .list()) {
      // process-level variables only: a task-local "priority" is not the case's
      if (variable.getProcessInstanceId() != null
          && (variable.getActivityInstanceId() == null || variable.getActivityInstanceId().equals(variable.getProcessInstanceId()))) {
        variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), Values.display(variable.getTypedValue()));
      }
    }
    List<String> references = instances.stream().map(HistoricProcessInstance::getBusinessKey)
        .filter(key -> key != null).toList();
    Map<String, String> outcomes = references.isEmpty() ? Map.of() : slaRecords().outcomes(references);
    List<CaseRow> rows = new ArrayList<>(instances.size());
    for (HistoricProcessInstance instance : instances) {
      Map<String, String> values = variables.getOrDefault(instance.getId(), Map.of());
      rows.add(new CaseRow(instance.getBusinessKey(), instance.getId(), instance.getProcessDefinitionKey(),
          instance.getProcessDefinitionVersion(), instance.getState(), instant(instance.getStartTime()),
          instant(instance.getEndTime()), instance.getDurationInMillis(),
          values.get(CaseVariables.ORGANISATION_ID), values.get(CaseVariables.PRIORITY),
          values.get(CaseVariables.SEVERITY), values.get(CaseStatusTracker.VARIABLE),
          values.get(CaseVariables.SUMMARY),
          instance.getBusinessKey() == null ? null : outcomes.get(instance.getBusinessKey())));
    }
    return rows;
  }

  static String escapeLike(String text) {
    // the engine escapes LIKE with '\' (default escape char of its mappings)
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
