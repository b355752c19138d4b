package dev.supportdesk.escalation.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.escalation.decision.DecisionReplayService;
import dev.supportdesk.escalation.decision.DecisionReplayStore;
import dev.supportdesk.escalation.decision.EditedDecision;
import dev.supportdesk.escalation.decision.ReplaySummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The decision replay at scale: {@code replay.decisions} (default 100,000) historic CasePriority decisions,
 * seeded straight into ACT_HI_DECINST / ACT_HI_DEC_IN / ACT_HI_DEC_OUT of an H2 file database with the inputs
 * and the rule the deployed table chose, replayed through {@link DecisionReplayService} against an edit that
 * moves HIGH impact × LOW urgency from P2 to P1. Prints decisions per second and the peak heap of the replay
 * (the heap pools' peak after a reset and a GC before it), and checks the count of changed decisions.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify} (with the other benchmarks) or on its own from the test
 * classpath; the JVM has {@code -Xmx512m} as in the profile.
 */
public final class DecisionReplayBenchmark {

  static final String[] LEVELS = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("replay.decisions", 100_000);
    Path folder = Files.createTempDirectory("decision-replay-benchmark");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
    config.setUsername("sa");
    config.setMaximumPoolSize(4);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
      StandaloneProcessEngineConfiguration engineConfiguration = new StandaloneProcessEngineConfiguration();
      engineConfiguration.setDataSource(dataSource);
      engineConfiguration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
      engineConfiguration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
      engineConfiguration.setJobExecutorActivate(false);
      engineConfiguration.setProcessEngineName("decision-replay-benchmark");
      ProcessEngine engine = engineConfiguration.buildProcessEngine();
      try {
        byte[] original = Files.readAllBytes(Path.of("processes/CasePriority.dmn"));
        String edited = new String(original, java.nio.charset.StandardCharsets.UTF_8).replace(
            "<outputEntry id=\"LiteralExpression_HighImpactLowUrgency_Priority\"><text>\"P2\"</text>",
            "<outputEntry id=\"LiteralExpression_HighImpactLowUrgency_Priority\"><text>\"P1\"</text>");
        Instant from = Instant.parse("2026-07-01T00:00:00Z");
        long expectedChanged = seed(dataSource, EditedDecision.parse(original, "CasePriority"), count, from);

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DecisionReplayService replay = new DecisionReplayService(engine.getHistoryService(), "", jdbc,
            new DecisionReplayStore(jdbc), new DataSourceTransactionManager(dataSource), null);
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          pool.resetPeakUsage();
        }
        long started = System.nanoTime();
        ReplaySummary summary = replay.replay(new DecisionReplayService.Request("CasePriority", "CasePriority.dmn",
            edited.getBytes(java.nio.charset.StandardCharsets.UTF_8), from, from.plusSeconds(count * 60L + 60),
            null, null), "benchmark");
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            peak += pool.getPeakUsage().getUsed();
          }
        }
        if (summary.decisions() != count || summary.changed() != expectedChanged) {
          throw new IllegalStateException("Replay found " + summary.decisions() + " decisions and " + summary.changed()
              + " changed; expected " + count + " and " + expectedChanged);
        }
        System.out.println();
        System.out.println("DECISION REPLAY BENCHMARK (H2 file database, -Xmx"
            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m, page " + DecisionReplayService.PAGE_SIZE + ")");
        System.out.println(String.format("%12s %10s %12s %10s %14s", "decisions", "changed", "seconds", "dec/s",
            "peak heap MB"));
        System.out.println(String.format("%12d %10d %12.1f %10.0f %14.0f", summary.decisions(), summary.changed(),
            seconds, summary.decisions() / seconds, peak / (1024.0 * 1024.0)));
      } finally {
        engine.close();
      }
    }
  }

  /** Inserts the decisions with the rule the original table matches; returns how many the edit changes. */
  static long seed(HikariDataSource dataSource, EditedDecision original, int count, Instant from) throws Exception {
    Map<String, EditedDecision.Outcome> outcomes = new HashMap<>();
    long changed = 0;
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement decision = connection.prepareStatement("INSERT INTO ACT_HI_DECINST (ID_, DEC_DEF_ID_, "
            + "DEC_DEF_KEY_, DEC_DEF_NAME_, EVAL_TIME_) VALUES (?, 'CasePriority:1:benchmark', 'CasePriority', "
            + "'Determine case priority', ?)");
        PreparedStatement input = connection.prepareStatement("INSERT INTO ACT_HI_DEC_IN (ID_, DEC_INST_ID_, "
            + "CLAUSE_ID_, CLAUSE_NAME_, VAR_TYPE_, TEXT_) VALUES (?, ?, ?, ?, 'string', ?)");
        PreparedStatement output = connection.prepareStatement("INSERT INTO ACT_HI_DEC_OUT (ID_, DEC_INST_ID_, "
            + "CLAUSE_ID_, CLAUSE_NAME_, RULE_ID_, RULE_ORDER_, VAR_NAME_, VAR_TYPE_, TEXT_) "
            + "VALUES (?, ?, 'Output_Priority', 'Priority', ?, 1, 'priority', 'string', ?)")) {
      connection.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        String caseType = i % 10 == 9 ? "FEATURE_REQUEST" : "PROBLEM";
        String impact = LEVELS[i % 4];
        String urgency = LEVELS[(i / 4) % 4];
        EditedDecision.Outcome outcome = outcomes.computeIfAbsent(caseType + impact + urgency,
            key -> original.evaluate(Map.of("caseType", caseType, "impact", impact, "urgency", urgency)));
        if (caseType.equals("PROBLEM") && impact.equals("HIGH") && urgency.equals("LOW")) {
          changed++;
        }
        String id = "bench-" + i;
        decision.setString(1, id);
        decision.setTimestamp(2, Timestamp.from(from.plusSeconds(60L * i)));
        decision.addBatch();
        String[][] inputs = {{"Input_CaseType", "Case type", caseType}, {"Input_Impact", "Impact", impact},
            {"Input_Urgency", "Urgency", urgency}};
        for (int j = 0; j < inputs.length; j++) {
          input.setString(1, id + "-in" + j);
          input.setString(2, id);
          input.setString(3, inputs[j][0]);
          input.setString(4, inputs[j][1]);
          input.setString(5, inputs[j][2]);
          input.addBatch();
        }
        output.setString(1, id + "-out");
        output.setString(2, id);
        output.setString(3, outcome.ruleIds().get(0));
        output.setString(4, outcome.text());
        output.addBatch();
        if (i % 5000 == 4999 || i == count - 1) {
          decision.executeBatch();
          input.executeBatch();
          output.executeBatch();
          connection.commit();
        }
      }
    }
    System.out.println(String.format("seeded %d decisions in %.1f s", count, (System.nanoTime() - started) / 1e9));
    return changed;
  }

  private DecisionReplayBenchmark() {}
}
