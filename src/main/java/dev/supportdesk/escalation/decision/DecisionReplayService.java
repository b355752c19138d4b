package dev.supportdesk.escalation.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.decision.ReplayCase.Status;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What-if before a rule change: evaluates an edited decision table on the inputs the history recorded for
 * every decision of the same key in a period, and reports per case the old and new output and matched rules,
 * with a from→to matrix and, for the SLA target decisions, the clocks that would have breached or met.
 *
 * <p>The engine is only read: the edited table runs on a standalone DMN engine, nothing is deployed. The
 * history is read {@value #PAGE_SIZE} decisions at a time (ordered by evaluation time and id, so a page
 * never skips or repeats a decision) and each page's cases are written to the replay's own tables before
 * the next is read, so memory stays flat however long the period. History queries run as the logged-in user,
 * so the engine's authorizations apply.
 */
@Service
public class DecisionReplayService {

  public static final int PAGE_SIZE = 500;
  /** An edited table is a few dozen kilobytes; anything near this is not one. */
  public static final int MAX_DMN_BYTES = 1024 * 1024;

  private final HistoryService history;
  private final JdbcTemplate jdbc;
  private final String tablePrefix;
  private final DecisionReplayStore store;
  private final TransactionTemplate transactions;
  private final SlaOutcomeReplay sla;
  private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  /**
   * A replay to run.
   *
   * @param decisionKey the decision table to replay; may be blank when the file holds only one
   * @param from start of the period, inclusive
   * @param to end of the period, exclusive
   * @param product only decisions of cases of this product (case variable {@value CaseVariables#PRODUCT})
   * @param organisationId only decisions of cases of this customer organisation
   */
  public record Request(String decisionKey, String fileName, byte[] dmn, Instant from, Instant to, String product,
      String organisationId) {}

  /** A request the replay refuses: the status and problem title the API answers with. */
  public static class Rejected extends RuntimeException {
    private final int status;
    private final String title;

    public Rejected(int status, String title, String detail) {
      super(detail);
      this.status = status;
      this.title = title;
    }

    public int status() {
      return status;
    }

    public String title() {
      return title;
    }
  }

  @Autowired
  public DecisionReplayService(ProcessEngine engine, JdbcTemplate jdbc, DecisionReplayStore store,
      PlatformTransactionManager transactionManager, Optional<SlaOutcomeReplay> sla) {
    this(engine.getHistoryService(),
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix(), jdbc,
        store, transactionManager, sla.orElse(null));
  }

  public DecisionReplayService(HistoryService history, String tablePrefix, JdbcTemplate jdbc,
      DecisionReplayStore store, PlatformTransactionManager transactionManager, SlaOutcomeReplay sla) {
    this.history = history;
    this.tablePrefix = tablePrefix == null ? "" : tablePrefix;
    this.jdbc = jdbc;
    this.store = store;
    this.transactions = new TransactionTemplate(transactionManager);
    this.sla = sla;
  }

  /**
   * Runs the replay and stores it under a new id; a rejected request stores nothing.
   *
   * @throws Rejected for an oversized file (413), one that is no DMN table or a bad period (400), and a
   *     decision key the history has never seen (404)
   */
  public ReplaySummary replay(Request request, String requestedBy) {
    EditedDecision edited = validated(request);
    long started = System.nanoTime();
    String id = UUID.randomUUID().toString();
    Instant requestedAt = Instant.now();
    return transactions.execute(status -> {
      Tally tally = new Tally();
      forEachPage(edited.key(), request, page -> {
        List<ReplayCase> cases = new ArrayList<>(page.size());
        for (Recorded recorded : page) {
          cases.add(replayOne(edited, recorded, tally));
        }
        store.insertCases(id, cases);
      });
      ReplaySummary.SlaImpact slaImpact = sla != null && sla.handles(edited.key())
          ? sla.replay(edited, request.from(), request.to(), blankToNull(request.organisationId())) : null;
      ReplaySummary summary = new ReplaySummary(id, edited.key(), edited.name(), request.fileName(),
          sha256(request.dmn()), request.from(), request.to(), blankToNull(request.product()),
          blankToNull(request.organisationId()), requestedBy, requestedAt, tally.seq, tally.replayed, tally.changed,
          tally.rulesChanged, tally.replayed == 0 ? 0 : (double) tally.changed / tally.replayed, tally.missingInput,
          tally.failed, tally.matrix, tally.missingInputs, slaImpact, (System.nanoTime() - started) / 1_000_000);
      store.insert(summary, toJson(summary));
      return summary;
    });
  }

  /** A stored replay's summary. */
  public Optional<ReplaySummary> summary(String id) {
    return store.summaryJson(id).map(this::summaryOf);
  }

  public List<ReplaySummary> latest(int max) {
    return store.latestSummaries(max).stream().map(this::summaryOf).toList();
  }

  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  private ReplaySummary summaryOf(String text) {
    try {
      return json.readValue(text, ReplaySummary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored replay summary is unreadable", e);
    }
  }

  private EditedDecision validated(Request request) {
    if (request.dmn() == null || request.dmn().length == 0) {
      throw new Rejected(400, "No DMN file", "Upload the edited DMN file (XML) as the request body.");
    }
    if (request.dmn().length > MAX_DMN_BYTES) {
      throw new Rejected(413, "DMN file too large", "The file has " + request.dmn().length
          + " bytes; a decision table of at most " + MAX_DMN_BYTES + " bytes is accepted.");
    }
    if (request.from() == null || request.to() == null) {
      throw new Rejected(400, "Period missing", "Give the period as 'from' and 'to' (ISO date or instant).");
    }
    if (!request.from().isBefore(request.to())) {
      throw new Rejected(400, "Invalid period", "'from' (" + request.from() + ") must be before 'to' ("
          + request.to() + ").");
    }
    EditedDecision edited;
    try {
      edited = EditedDecision.parse(request.dmn(), request.decisionKey());
    } catch (IllegalArgumentException e) {
      throw new Rejected(400, "Not a usable DMN decision table", e.getMessage());
    }
    if (history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(edited.key()).count() == 0) {
      throw new Rejected(404, "No history for this decision", "No decision with the key '" + edited.key()
          + "' was ever evaluated (or you may not read its history), so there is nothing to replay.");
    }
    return edited;
  }

  private ReplayCase replayOne(EditedDecision edited, Recorded recorded, Tally tally) {
    HistoricDecisionInstance instance = recorded.instance();
    long seq = ++tally.seq;
    Map<String, Object> byClauseId = new HashMap<>();
    Map<String, Object> byName = new HashMap<>();
    for (HistoricDecisionInputInstance input : instance.getInputs()) {
      byClauseId.put(input.getClauseId(), input.getValue());
      if (input.getClauseName() != null) {
        byName.put(EditedDecision.normal(input.getClauseName()), input.getValue());
      }
    }
    Map<String, List<Object>> oldByRule = new LinkedHashMap<>();
    instance.getOutputs().stream()
        .sorted(Comparator.comparing(HistoricDecisionOutputInstance::getRuleOrder,
            Comparator.nullsLast(Comparator.naturalOrder())))
        .forEach(output -> oldByRule.computeIfAbsent(String.valueOf(output.getRuleId()), rule -> new ArrayList<>())
            .add(output.getValue()));
    List<String> oldRules = List.copyOf(oldByRule.keySet());
    String oldOutput = EditedDecision.outputText(new ArrayList<>(oldByRule.values()));

    List<EditedDecision.Input> missing = new ArrayList<>();
    Map<String, Object> variables = edited.variables(byClauseId, byName, missing);
    Instant evaluatedAt = instance.getEvaluationTime().toInstant();
    if (!missing.isEmpty()) {
      tally.missingInput++;
      missing.forEach(input -> tally.missingInputs.merge(input.displayName(), 1L, Long::sum));
      return new ReplayCase(seq, instance.getId(), recorded.caseReference(), evaluatedAt, Status.MISSING_INPUT,
          false, oldOutput, null, oldRules, List.of(), "missing input: "
              + missing.stream().map(EditedDecision.Input::displayName).collect(Collectors.joining(", ")));
    }
    EditedDecision.Outcome outcome;
    try {
      outcome = edited.evaluate(variables);
    } catch (RuntimeException e) {
      tally.failed++;
      return new ReplayCase(seq, instance.getId(), recorded.caseReference(), evaluatedAt, Status.FAILED, false,
          oldOutput, null, oldRules, List.of(), String.valueOf(e.getMessage()));
    }
    tally.replayed++;
    boolean changed = !oldOutput.equals(outcome.text());
    if (changed) {
      tally.changed++;
    } else if (!oldRules.equals(outcome.ruleIds())) {
      tally.rulesChanged++;
    }
    tally.matrix.computeIfAbsent(oldOutput, old -> new TreeMap<>()).merge(outcome.text(), 1L, Long::sum);
    return new ReplayCase(seq, instance.getId(), recorded.caseReference(), evaluatedAt, Status.REPLAYED, changed,
        oldOutput, outcome.text(), oldRules, outcome.ruleIds(), null);
  }

  /** A historic decision with the case it belongs to. */
  record Recorded(HistoricDecisionInstance instance, String caseReference) {}

  private static final class Tally {
    long seq;
    long replayed;
    long changed;
    long rulesChanged;
    long missingInput;
    long failed;
    final Map<String, Map<String, Long>> matrix = new TreeMap<>();
    final Map<String, Long> missingInputs = new TreeMap<>();
  }

  /**
   * The period's decisions, a page at a time: ids by keyset on (evaluation time, id) straight from the
   * history table, then the instances with inputs and outputs through the engine's query (as the user).
   */
  private void forEachPage(String decisionKey, Request request, java.util.function.Consumer<List<Recorded>> page) {
    Timestamp from = Timestamp.from(request.from());
    Timestamp to = Timestamp.from(request.to());
    Timestamp afterTime = from;
    String afterId = "";
    String sql = "SELECT ID_, EVAL_TIME_ FROM " + tablePrefix + "ACT_HI_DECINST WHERE DEC_DEF_KEY_ = ? "
        // the range on EVAL_TIME_ starts at the cursor so that the database can seek its index there
        + "AND EVAL_TIME_ >= ? AND EVAL_TIME_ < ? AND (EVAL_TIME_ > ? OR ID_ > ?) "
        + "ORDER BY EVAL_TIME_, ID_ FETCH FIRST " + PAGE_SIZE + " ROWS ONLY";
    while (true) {
      List<Object[]> keys = jdbc.query(sql, (rs, row) -> new Object[] {rs.getString(1), rs.getTimestamp(2)},
          decisionKey, afterTime, to, afterTime, afterId);
      if (keys.isEmpty()) {
        return;
      }
      List<String> ids = keys.stream().map(key -> (String) key[0]).toList();
      Map<String, HistoricDecisionInstance> instances = history.createHistoricDecisionInstanceQuery()
          .decisionInstanceIdIn(ids.toArray(String[]::new)).includeInputs().includeOutputs()
          .disableCustomObjectDeserialization().list().stream()
          .collect(Collectors.toMap(HistoricDecisionInstance::getId, Function.identity()));
      List<HistoricDecisionInstance> ordered = ids.stream().map(instances::get).filter(Objects::nonNull).toList();
      page.accept(filtered(ordered, request));
      Object[] last = keys.get(keys.size() - 1);
      afterId = (String) last[0];
      afterTime = (Timestamp) last[1];
      if (keys.size() < PAGE_SIZE) {
        return;
      }
    }
  }

  /** The page's case references, and the product and organisation filter, in one query each per page. */
  private List<Recorded> filtered(List<HistoricDecisionInstance> instances, Request request) {
    Set<String> processInstanceIds = new HashSet<>();
    for (HistoricDecisionInstance instance : instances) {
      addIfPresent(processInstanceIds, instance.getProcessInstanceId());
      addIfPresent(processInstanceIds, instance.getRootProcessInstanceId());
    }
    Map<String, String> businessKeys = new HashMap<>();
    if (!processInstanceIds.isEmpty()) {
      for (HistoricProcessInstance process : history.createHistoricProcessInstanceQuery()
          .processInstanceIds(processInstanceIds).list()) {
        if (process.getBusinessKey() != null) {
          businessKeys.put(process.getId(), process.getBusinessKey());
        }
      }
    }
    String product = blankToNull(request.product());
    String organisation = blankToNull(request.organisationId());
    Map<String, String> products = product == null ? Map.of() : variable(processInstanceIds, CaseVariables.PRODUCT);
    Map<String, String> organisations = organisation == null ? Map.of()
        : variable(processInstanceIds, CaseVariables.ORGANISATION_ID);
    List<Recorded> recorded = new ArrayList<>(instances.size());
    for (HistoricDecisionInstance instance : instances) {
      if (product != null && !product.equalsIgnoreCase(ofCase(products, instance))) {
        continue;
      }
      if (organisation != null && !organisation.equals(ofCase(organisations, instance))) {
        continue;
      }
      recorded.add(new Recorded(instance, ofCase(businessKeys, instance)));
    }
    return recorded;
  }

  private Map<String, String> variable(Collection<String> processInstanceIds, String name) {
    Map<String, String> values = new HashMap<>();
    if (processInstanceIds.isEmpty()) {
      return values;
    }
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceIds.toArray(String[]::new)).variableName(name)
        .disableCustomObjectDeserialization().list()) {
      if (variable.getValue() != null) {
        values.put(variable.getProcessInstanceId(), variable.getValue().toString());
      }
    }
    return values;
  }

  /** The value for the decision's own process instance, else for its root (the support case). */
  private static String ofCase(Map<String, String> byProcessInstance, HistoricDecisionInstance instance) {
    String own = instance.getProcessInstanceId() == null ? null : byProcessInstance.get(instance.getProcessInstanceId());
    if (own != null) {
      return own;
    }
    return instance.getRootProcessInstanceId() == null ? null
        : byProcessInstance.get(instance.getRootProcessInstanceId());
  }

  private static void addIfPresent(Set<String> ids, String id) {
    if (id != null) {
      ids.add(id);
    }
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
