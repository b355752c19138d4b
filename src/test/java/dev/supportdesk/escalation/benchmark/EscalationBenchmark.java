package dev.supportdesk.escalation.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.supportdesk.escalation.support.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The application's speed, measured from outside as its users see it: the real jar in a JVM of its own, on
 * H2 (file) and on PostgreSQL, driven over HTTP only. Not a test: run it with {@code ./mvnw -Pbenchmark
 * verify} (README "Performance"). It prints a table, writes target/benchmark/results.json and, with
 * {@code -Dbenchmark.writeDocs=true}, replaces the figures in docs/performance.md.
 *
 * <p>Per database: start-up (empty database) and idle RSS; full cases per second through /api and
 * /engine-rest by 1 and 2 concurrent Tier 1 agents, against {@code SkeletonCaseProcess} (the same wait
 * states, no delegates, listeners, decisions or notifications) driven by the same loop; database bytes per
 * closed case; case intake latency with 32 concurrent customers; loaded RSS; then 10,000 open tasks and a
 * million history rows, a restart (start-up on the loaded database) and the Tier 1 queue exactly as
 * Tasklist asks for it.
 */
public final class EscalationBenchmark {

  static final String PASSWORD = "Correct-Horse-9!";
  static final String TIER1 = "tier1";
  static final String FULL_PROCESS = "SupportCaseProcess";
  static final String SKELETON_PROCESS = "SkeletonCaseProcess";
  static final String SKELETON_MESSAGE = "SkeletonResolutionResponse";
  static final String ORGANISATION = "org-benchmark";
  static final String SKELETON_CLIENT = "bench-skeleton";
  static final String TASK_ANALYSE = "Task_AnalyseAtTier1";
  static final String TASK_COMMUNICATE = "Task_CommunicateResolution";
  static final String TASK_KNOWLEDGE = "Task_UpdateKnowledgeBase";
  static final String TIER1_QUEUE = "Tier 1 queue";
  static final String OPEN_PREFIX = "OPEN-";

  /** The list request Tasklist sends for a queue: its default sorting (newest first), 15 per page. */
  static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
      + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";

  final Config config;

  EscalationBenchmark(Config config) {
    this.config = config;
  }

  record Config(List<String> databases, int cases, int wave, int warmup, int intakeClients, int intakePerClient,
      int openTasks, int openTemplates, long historyRows, int queries, int queryWarmup, String jar, List<String> jvmArgs, List<String> appArgs,
      Path output, boolean writeDocs, Path docs, long pollMillis, boolean keepDatabase) {

    static Config fromSystemProperties() {
      return new Config(
          split(System.getProperty("benchmark.databases", "h2,postgres"), ","),
          Integer.getInteger("benchmark.cases", 200),
          Integer.getInteger("benchmark.wave", 20),
          Integer.getInteger("benchmark.warmup", 40),
          Integer.getInteger("benchmark.intakeClients", 32),
          Integer.getInteger("benchmark.intakePerClient", 20),
          Integer.getInteger("benchmark.openTasks", 10_000),
          Integer.getInteger("benchmark.openTemplates", 500),
          Long.getLong("benchmark.historyRows", 1_000_000),
          Integer.getInteger("benchmark.queries", 300),
          Integer.getInteger("benchmark.queryWarmup", 30),
          blankToNull(System.getProperty("benchmark.jar")),
          split(System.getProperty("benchmark.jvmArgs", ""), " "),
          split(System.getProperty("benchmark.appArgs", ""), " "),
          Path.of(System.getProperty("benchmark.output", "target/benchmark/results.json")),
          Boolean.parseBoolean(System.getProperty("benchmark.writeDocs", "false")),
          Path.of(System.getProperty("benchmark.docs", "docs/performance.md")),
          Long.getLong("benchmark.pollMillis", 10),
          Boolean.parseBoolean(System.getProperty("benchmark.keepDatabase", "false")));
    }

    private static List<String> split(String value, String separator) {
      return Arrays.stream(value.split(separator)).map(String::trim).filter(s -> !s.isEmpty()
          && !s.startsWith("${")).toList();
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    Config config = Config.fromSystemProperties();
    EscalationBenchmark benchmark = new EscalationBenchmark(config);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", Machine.describe());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("cases", config.cases());
    settings.put("wave", config.wave());
    settings.put("warmup", config.warmup());
    settings.put("intakeClients", config.intakeClients());
    settings.put("intakePerClient", config.intakePerClient());
    settings.put("openTasks", config.openTasks());
    settings.put("openTemplates", config.openTemplates());
    settings.put("historyRows", config.historyRows());
    settings.put("queries", config.queries());
    settings.put("queryWarmup", config.queryWarmup());
    settings.put("jvmArgs", config.jvmArgs());
    settings.put("appArgs", config.appArgs());
    results.put("config", settings);
    Map<String, Object> databases = new LinkedHashMap<>();
    results.put("databases", databases);
    for (String database : config.databases()) {
      log("=== " + database + " ===");
      databases.put(database, benchmark.run(database));
    }
    ((Map<String, Object>) results.get("machine")).put("loadAverageAtEnd", Machine.loadAverage());
    String table = Report.table(results);
    System.out.println();
    System.out.println(table);
    Files.createDirectories(config.output().toAbsolutePath().getParent());
    Rest.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(config.output().toFile(), results);
    log("JSON: " + config.output().toAbsolutePath());
    if (config.writeDocs()) {
      Report.writeDocs(config.docs(), results, table);
      log("figures written to " + config.docs().toAbsolutePath());
    }
    System.exit(0);
  }

  // ------------------------------------------------------------------ one database

  interface Database {
    List<String> appArgs();

    long sizeBytes() throws Exception;

    Connection connect() throws SQLException;

    /** Starts counting the statements the database runs; false where it cannot count them (H2). */
    default boolean resetStatements() throws SQLException {
      return false;
    }

    /** What ran since {@link #resetStatements()}: the total and the most frequent statements. */
    default Map<String, Object> statements(int cases) throws SQLException {
      return Map.of();
    }
  }

  record H2(Path work) implements Database {
    Path file() {
      return work.resolve("data").resolve("support-escalation.mv.db");
    }

    public List<String> appArgs() {
      return List.of();
    }

    public long sizeBytes() throws IOException {
      return Files.size(file());
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection("jdbc:h2:file:" + work.resolve("data").resolve("support-escalation")
          .toAbsolutePath(), "sa", "");
    }
  }

  record Postgres(String url) implements Database {
    static Postgres create() throws SQLException {
      // the statement counts per case need pg_stat_statements loaded when the server starts
      PostgresDatabase.serverSetting("shared_preload_libraries", "pg_stat_statements");
      String url = PostgresDatabase.newDatabase("benchmark");
      String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
      // zonky's server turns synchronous_commit off for tests; production PostgreSQL keeps it on
      try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
           Statement s = c.createStatement()) {
        s.execute("ALTER DATABASE " + name + " SET synchronous_commit TO on");
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      }
      return new Postgres(url);
    }

    public boolean resetStatements() throws SQLException {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute("SELECT pg_stat_statements_reset()");
      }
      return true;
    }

    /**
     * Statements per closed case: everything this database ran while the cases ran (the application's
     * requests, its job executor, the benchmark's agents polling their tasks as Tasklist does), by kind
     * and the most frequent ones.
     */
    public Map<String, Object> statements(int cases) throws SQLException {
      String ours = " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = "
          + "current_database()) AND query NOT LIKE '%pg_stat_statements%'";
      Map<String, Object> result = new LinkedHashMap<>();
      try (Connection c = connect(); Statement s = c.createStatement()) {
        Map<String, Object> byKind = new LinkedHashMap<>();
        long total = 0;
        try (ResultSet rs = s.executeQuery("SELECT upper(substring(ltrim(query) from '^[A-Za-z]+')) AS kind, sum(calls)"
            + ours + " GROUP BY 1 ORDER BY 2 DESC")) {
          while (rs.next()) {
            byKind.put(rs.getString(1), round(rs.getLong(2) / (double) cases, 1));
            total += rs.getLong(2);
          }
        }
        result.put("perCase", round(total / (double) cases, 1));
        result.put("perCaseByKind", byKind);
        List<Map<String, Object>> top = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 140)"
            + ours + " ORDER BY calls DESC LIMIT 10")) {
          while (rs.next()) {
            top.add(Map.of("perCase", round(rs.getLong(1) / (double) cases, 1), "statement", rs.getString(2)));
          }
        }
        result.put("mostFrequent", top);
      }
      return result;
    }

    public List<String> appArgs() {
      return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url.replaceAll("\\?.*", ""),
          "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }

    public long sizeBytes() throws SQLException {
      try (Connection c = connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url.replaceAll("\\?.*", ""), "postgres", "postgres");
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> run(String databaseName) throws Exception {
    Path work = Files.createTempDirectory("benchmark-" + databaseName);
    Database database = switch (databaseName) {
      case "h2" -> new H2(work);
      case "postgres" -> Postgres.create();
      default -> throw new IllegalArgumentException("benchmark.databases: h2 or postgres, not " + databaseName);
    };
    List<String> appArgs = new ArrayList<>(database.appArgs());
    appArgs.addAll(config.appArgs());
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> startup = new LinkedHashMap<>();
    Map<String, Object> memory = new LinkedHashMap<>();
    result.put("startup", startup);
    result.put("memoryMiB", memory);

    try (BenchmarkApplication app = BenchmarkApplication.start(work, config.jar(), config.jvmArgs(), appArgs)) {
      startup.put("emptyDatabaseSeconds", round(app.startSeconds, 1));
      startup.put("emptyDatabaseSpringSeconds", app.springStartSeconds());
      log("started in " + round(app.startSeconds, 1) + " s (pid " + app.pid() + ", log " + app.log() + ")");
      BenchmarkApplication.sleep(5_000);
      memory.put("idleRss", app.rssMiB()[0]);

      Users users = Users.create(app.port(), config.intakeClients());
      Rest admin = users.admin;

      // warm-up: the JIT, caches and pools see both paths before anything is measured
      log("warm-up: " + config.warmup() + " cases per path");
      throughput(users, Path_.FULL, 1, config.warmup());
      throughput(users, Path_.SKELETON, 1, config.warmup());

      List<Map<String, Object>> throughput = new ArrayList<>();
      long fullBytes = 0;
      int fullCases = 0;
      Map<String, Object> statements = new LinkedHashMap<>();
      for (int agents : new int[] {1, 2}) {
        long before = database.sizeBytes();
        double full = counted(database, agents == 1 ? statements : null, "full",
            () -> throughput(users, Path_.FULL, agents, config.cases()));
        fullBytes += database.sizeBytes() - before;
        fullCases += config.cases();
        double skeleton = counted(database, agents == 1 ? statements : null, "skeleton",
            () -> throughput(users, Path_.SKELETON, agents, config.cases()));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("agents", agents);
        row.put("fullCasesPerSecond", round(full, 1));
        row.put("skeletonCasesPerSecond", round(skeleton, 1));
        row.put("ratio", round(full / skeleton, 2));
        throughput.add(row);
        log(agents + " agent(s): full " + round(full, 1) + "/s, skeleton " + round(skeleton, 1) + "/s");
      }
      result.put("throughput", throughput);
      if (!statements.isEmpty()) {
        result.put("statements", statements);
        statements.forEach((path, counted) -> log("statements per " + path + " case, 1 agent: " + counted));
      }
      result.put("databaseBytesPerClosedCase", fullBytes / fullCases);

      result.put("intake", intake(users));
      long[] rss = app.rssMiB();
      memory.put("loadedRss", rss[0]);
      memory.put("peakRss", rss[1]);

      result.put("openTaskSeeding", startOpenTasks(users));
    }

    Map<String, Object> history = new LinkedHashMap<>();
    try (Connection connection = database.connect()) {
      HistorySeeder seeder = new HistorySeeder(connection);
      Map<String, Object> seeding = (Map<String, Object>) result.get("openTaskSeeding");
      seeding.put("copySeconds", round(seeder.copyOpenInstances(OPEN_PREFIX, (Integer) seeding.get("copies")), 1));
      HistorySeeder.Seeded seeded = seeder.growTo(config.historyRows());
      history.put("rowsBefore", seeded.rowsBefore());
      history.put("rows", seeded.rowsAfter());
      history.put("copiesOfClosedCases", seeded.copies());
      history.put("seedSeconds", round(seeded.seconds(), 1));
      log("history rows: " + seeded.rowsBefore() + " -> " + seeded.rowsAfter() + " in "
          + round(seeded.seconds(), 1) + " s");
    }
    result.put("history", history);
    result.put("databaseBytesLoaded", database.sizeBytes());

    try (BenchmarkApplication app = BenchmarkApplication.start(work, config.jar(), config.jvmArgs(), appArgs)) {
      startup.put("loadedDatabaseSeconds", round(app.startSeconds, 1));
      startup.put("loadedDatabaseSpringSeconds", app.springStartSeconds());
      log("restarted on the loaded database in " + round(app.startSeconds, 1) + " s");
      result.put("tasklist", tasklist(Users.existing(app.port())));
      memory.put("afterQueriesRss", app.rssMiB()[0]);
    }
    if (config.keepDatabase()) {
      log("kept the loaded database in " + work + " (benchmark.keepDatabase)");
    } else {
      deleteQuietly(work);
    }
    return result;
  }

  // ------------------------------------------------------------------ throughput

  /** The two ways a case is driven: identical wait states, different engine work behind them. */
  enum Path_ {
    FULL(FULL_PROCESS), SKELETON(SKELETON_PROCESS);

    final String processKey;

    Path_(String processKey) {
      this.processKey = processKey;
    }
  }

  /**
   * Runs one throughput measurement; where {@code statements} is given and the database can count,
   * also records what it ran per case under {@code path}.
   */
  private double counted(Database database, Map<String, Object> statements, String path,
      Callable<Double> measurement) throws Exception {
    boolean counting = statements != null && database.resetStatements();
    double casesPerSecond = measurement.call();
    if (counting) {
      statements.put(path, database.statements(config.cases()));
    }
    return casesPerSecond;
  }

  /** Cases per second: every agent drives its share of the cases in waves, start to closure. */
  double throughput(Users users, Path_ path, int agents, int cases) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(agents);
    try {
      long started = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int a = 0; a < agents; a++) {
        int share = cases / agents + (a < cases % agents ? 1 : 0);
        Agent agent = new Agent(users, a, path);
        done.add(pool.submit(() -> {
          for (int left = share; left > 0; left -= config.wave()) {
            agent.wave(Math.min(config.wave(), left));
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      return cases / ((System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One Tier 1 agent and the customer of the cases they work, as Tasklist and the customer API see them. */
  final class Agent {
    final Rest agent;
    final Rest customer;
    final Rest admin;
    final Path_ path;

    Agent(Users users, int index, Path_ path) {
      this.agent = users.agents.get(index);
      this.customer = path == Path_.FULL ? users.agentCustomers.get(index) : users.skeletonClient;
      this.admin = users.admin;
      this.path = path;
    }

    void wave(int size) {
      List<String> references = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        references.add(open());
      }
      stage(references, TASK_ANALYSE, Map.of(
          "symptoms", text("Export stops after 60 seconds for reports over 50 pages"),
          "reproduced", text("YES"),
          "tier1Findings", text("Known issue: the report timeout is too low; raised it in the configuration."),
          "tier1Outcome", text("RESOLVED"),
          "resolutionCategory", text("CONFIGURATION")));
      stage(references, TASK_COMMUNICATE, Map.of(
          "resolutionText", text("Raise report.timeout to 300 seconds in the admin settings and export again.")));
      answer(references);
      stage(references, TASK_KNOWLEDGE, Map.of(
          "knowledgeArticleTitle", text("Large exports time out"),
          "knowledgeArticleText", text("Raise report.timeout above the export's duration; 300 s fits 200 pages.")));
      awaitClosed(references);
    }

    String open() {
      if (path == Path_.FULL) {
        return customer.post("/api/cases", intakeBody()).expect(201).json().get("reference").asText();
      }
      String reference = "SK-" + UUID.randomUUID();
      Map<String, Object> variables = new LinkedHashMap<>();
      intakeBody().forEach((name, value) -> variables.put(name, text(value.toString())));
      customer.post("/engine-rest/process-definition/key/" + SKELETON_PROCESS + "/start",
          Map.of("businessKey", reference, "variables", variables)).expect(200);
      return reference;
    }

    /** Claims and completes the wave's tasks of one step as they appear in the agent's queue. */
    void stage(List<String> references, String taskKey, Map<String, Object> variables) {
      Map<String, Object> query = Map.of("taskDefinitionKey", taskKey, "processDefinitionKey", path.processKey,
          "candidateGroup", TIER1, "processInstanceBusinessKeyIn", references);
      Map<String, Object> completion = Map.of("variables", variables);
      int done = 0;
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (done < references.size()) {
        JsonNode tasks = agent.post("/engine-rest/task?maxResults=" + references.size(), query).expect(200).json();
        for (JsonNode task : tasks) {
          String id = task.get("id").asText();
          agent.post("/engine-rest/task/" + id + "/claim", Map.of("userId", agent.user)).expect(204);
          agent.post("/engine-rest/task/" + id + "/complete", completion).expect(204, 200);
          done++;
        }
        if (tasks.isEmpty()) {
          pause(deadline, "tasks " + taskKey + " of " + path);
        }
      }
    }

    /** The customer accepts the proposed resolution as soon as the case waits for the answer. */
    void answer(List<String> references) {
      List<String> waiting = new ArrayList<>(references);
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!waiting.isEmpty()) {
        waiting.removeIf(reference -> path == Path_.FULL
            ? customer.post("/api/cases/" + reference + "/confirmation", Map.of("accepted", true)).status() == 200
            : customer.post("/engine-rest/message", Map.of("messageName", SKELETON_MESSAGE, "businessKey", reference,
                "processVariables", Map.of("resolutionAccepted", Map.of("value", true, "type", "Boolean"))))
                .status() / 100 == 2);
        if (!waiting.isEmpty()) {
          pause(deadline, "answers of " + path);
        }
      }
    }

    void awaitClosed(List<String> references) {
      Map<String, Object> query = Map.of("processDefinitionKey", path.processKey,
          "processInstanceBusinessKeyIn", references, "finished", true);
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (admin.post("/engine-rest/history/process-instance/count", query).expect(200).json().get("count").asInt()
          < references.size()) {
        pause(deadline, "closure of " + path);
      }
    }

    void pause(long deadline, String what) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited two minutes for " + what);
      }
      BenchmarkApplication.sleep(config.pollMillis());
    }
  }

  static Map<String, Object> text(String value) {
    return Map.of("value", value, "type", "String");
  }

  static Map<String, Object> intakeBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("summary", "Export to PDF fails with timeout");
    body.put("description", "Since the upgrade to 4.2 every export over 50 pages stops after 60 seconds.");
    body.put("product", "Reporting");
    body.put("version", "4.2.1");
    body.put("impact", "HIGH");
    body.put("urgency", "MEDIUM");
    body.put("type", "PROBLEM");
    return body;
  }

  // ------------------------------------------------------------------ intake

  Map<String, Object> intake(Users users) throws Exception {
    int clients = config.intakeClients();
    int perClient = config.intakePerClient();
    log("intake: " + clients + " concurrent customers x " + perClient + " cases");
    long[] latencies = new long[clients * perClient];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long started = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Rest customer = users.intakeCustomers.get(c);
        done.add(pool.submit(() -> {
          for (int i = 0; i < perClient; i++) {
            long t0 = System.nanoTime();
            customer.post("/api/cases", intakeBody()).expect(201);
            latencies[next.getAndIncrement()] = System.nanoTime() - t0;
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> intake = new LinkedHashMap<>(percentiles(latencies));
    intake.put("clients", clients);
    intake.put("requests", latencies.length);
    intake.put("casesPerSecond", round(latencies.length / seconds, 1));
    log("intake p50 " + intake.get("p50Ms") + " ms, p99 " + intake.get("p99Ms") + " ms");
    return intake;
  }

  // ------------------------------------------------------------------ the Tier 1 queue

  /**
   * Open tasks in the Tier 1 queue: up to {@code benchmark.openTemplates} skeleton instances started at their
   * Tier 1 task by the administrator over REST; {@link #copyOpenTasks} copies them later up to the target.
   */
  Map<String, Object> startOpenTasks(Users users) throws Exception {
    Rest agent = users.agents.get(0);
    String filter = tier1Filter(agent);
    int open = agent.post("/engine-rest/filter/" + filter + "/count", TASKLIST_BODY).expect(200).json()
        .get("count").asInt();
    int missing = Math.max(0, config.openTasks() - open);
    int started = Math.min(missing, config.openTemplates());
    log("open tasks: " + open + ", starting " + started + " over REST, copying them to " + config.openTasks());
    long t0 = System.nanoTime();
    AtomicInteger left = new AtomicInteger(started);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          while (left.getAndDecrement() > 0) {
            users.admin.post("/engine-rest/process-definition/key/" + SKELETON_PROCESS + "/start", Map.of(
                "businessKey", OPEN_PREFIX + UUID.randomUUID(),
                "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", TASK_ANALYSE))))
                .expect(200);
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> seeding = new LinkedHashMap<>();
    seeding.put("openBefore", open);
    seeding.put("startedOverRest", started);
    seeding.put("copies", missing - started);
    seeding.put("restSeconds", round((System.nanoTime() - t0) / 1e9, 1));
    return seeding;
  }

  Map<String, Object> tasklist(Users users) {
    Rest agent = users.agents.get(0);
    String filter = tier1Filter(agent);
    String list = "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15";
    String count = "/engine-rest/filter/" + filter + "/count";
    int open = agent.post(count, TASKLIST_BODY).expect(200).json().get("count").asInt();
    JsonNode page = agent.post(list, TASKLIST_BODY, "application/hal+json").expect(200).json();
    int shown = page.path("_embedded").path("task").size();
    if (shown != 15) {
      throw new IllegalStateException("Tier 1 queue shows " + shown + " tasks, expected a full page: " + page);
    }
    for (int i = 0; i < config.queryWarmup(); i++) {
      agent.post(list, TASKLIST_BODY, "application/hal+json").expect(200);
      agent.post(count, TASKLIST_BODY).expect(200);
    }
    long[][] quiet = timeQueue(agent, list, count, () -> { });
    // The same requests while the queue changes, as it does when agents work: a task is claimed and
    // handed back before each request (untimed; handing back needs TASK_ASSIGN, which the admin has).
    // A database that keeps the result of an unchanged statement (H2 does, per connection) cannot
    // answer from that result then.
    String touched = "/engine-rest/task/" + page.path("_embedded").path("task").get(0).path("id").asText();
    long[][] changing = timeQueue(agent, list, count, () -> touch(agent, users.admin, touched));
    Map<String, Object> tasklist = new LinkedHashMap<>();
    tasklist.put("openTasksInQueue", open);
    tasklist.put("list", percentiles(quiet[0]));
    tasklist.put("count", percentiles(quiet[1]));
    tasklist.put("listWhileChanging", percentiles(changing[0]));
    tasklist.put("countWhileChanging", percentiles(changing[1]));
    log("Tier 1 queue (" + open + " open): list " + tasklist.get("list") + ", count " + tasklist.get("count")
        + "; while it changes: list " + tasklist.get("listWhileChanging") + ", count "
        + tasklist.get("countWhileChanging"));
    return tasklist;
  }

  /**
   * Times the queue's list and count {@code benchmark.queries} times, each after {@code beforeEach}
   * (untimed).
   */
  private long[][] timeQueue(Rest agent, String list, String count, Runnable beforeEach) {
    long[] listTimes = new long[config.queries()];
    long[] countTimes = new long[config.queries()];
    for (int i = 0; i < config.queries(); i++) {
      beforeEach.run();
      long t0 = System.nanoTime();
      agent.post(list, TASKLIST_BODY, "application/hal+json").expect(200);
      listTimes[i] = System.nanoTime() - t0;
      beforeEach.run();
      long t1 = System.nanoTime();
      agent.post(count, TASKLIST_BODY).expect(200);
      countTimes[i] = System.nanoTime() - t1;
    }
    return new long[][] {listTimes, countTimes};
  }

  /** One change to the queue: the agent claims a task and the admin hands it back to the queue. */
  private static void touch(Rest agent, Rest admin, String task) {
    agent.post(task + "/claim", Map.of("userId", agent.user)).expect(204);
    admin.post(task + "/unclaim", Map.of()).expect(204);
  }

  static String tier1Filter(Rest agent) {
    for (JsonNode filter : agent.get("/engine-rest/filter?resourceType=Task").expect(200).json()) {
      if (TIER1_QUEUE.equals(filter.get("name").asText())) {
        return filter.get("id").asText();
      }
    }
    throw new IllegalStateException("no filter '" + TIER1_QUEUE + "' visible to " + agent.user);
  }

  // ------------------------------------------------------------------ users, set up over REST as admin

  static final class Users {
    Rest admin;
    Rest skeletonClient;
    final List<Rest> agents = new ArrayList<>();
    final List<Rest> agentCustomers = new ArrayList<>();
    final List<Rest> intakeCustomers = new ArrayList<>();

    static Users existing(int port) {
      Users users = new Users();
      users.admin = new Rest(port, BenchmarkApplication.ADMIN, BenchmarkApplication.ADMIN_PASSWORD);
      for (int a = 1; a <= 2; a++) {
        users.agents.add(new Rest(port, "bench-agent-" + a, PASSWORD));
      }
      return users;
    }

    static Users create(int port, int intakeClients) throws IOException {
      Users users = existing(port);
      Rest admin = users.admin;
      admin.post("/engine-rest/group/create", Map.of("id", ORGANISATION, "name", "Benchmark Ltd",
          "type", "organisation")).expect(204);
      admin.post("/engine-rest/group/create", Map.of("id", "benchmark-clients", "name", "Benchmark clients",
          "type", "WORKFLOW")).expect(204);
      for (int a = 1; a <= 2; a++) {
        user(admin, "bench-agent-" + a, "Agent", TIER1);
        user(admin, "bench-customer-a" + a, "Customer", "customers", ORGANISATION);
        users.agentCustomers.add(new Rest(port, "bench-customer-a" + a, PASSWORD));
      }
      for (int c = 1; c <= intakeClients; c++) {
        user(admin, "bench-customer-" + c, "Customer", "customers", ORGANISATION);
        users.intakeCustomers.add(new Rest(port, "bench-customer-" + c, PASSWORD));
      }
      user(admin, SKELETON_CLIENT, "Client", "benchmark-clients");
      users.skeletonClient = new Rest(port, SKELETON_CLIENT, PASSWORD);
      // the skeleton's customer side: start instances and deliver the answer, nothing else
      admin.post("/engine-rest/authorization/create", Map.of("type", 1, "groupId", "benchmark-clients",
          "resourceType", 6, "resourceId", SKELETON_PROCESS,
          "permissions", List.of("READ", "CREATE_INSTANCE", "UPDATE_INSTANCE", "READ_INSTANCE"))).expect(200);
      admin.post("/engine-rest/authorization/create", Map.of("type", 1, "groupId", "benchmark-clients",
          "resourceType", 8, "resourceId", "*", "permissions", List.of("CREATE"))).expect(200);
      deploySkeleton(admin);
      return users;
    }

    static void user(Rest admin, String id, String firstName, String... groups) {
      admin.post("/engine-rest/user/create", Map.of(
          "profile", Map.of("id", id, "firstName", firstName, "lastName", "Benchmark", "email", id + "@example.com"),
          "credentials", Map.of("password", PASSWORD))).expect(204);
      for (String group : groups) {
        admin.put("/engine-rest/group/" + group + "/members/" + id).expect(204);
      }
    }

    static void deploySkeleton(Rest admin) throws IOException {
      byte[] bpmn;
      try (InputStream in = EscalationBenchmark.class.getResourceAsStream("/benchmark/SkeletonCaseProcess.bpmn")) {
        bpmn = in.readAllBytes();
      }
      String boundary = "----benchmark-" + UUID.randomUUID();
      var out = new java.io.ByteArrayOutputStream();
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
          + "benchmark-skeleton\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; "
          + "filename=\"SkeletonCaseProcess.bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(bpmn);
      out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      admin.multipart("/engine-rest/deployment/create", boundary, out.toByteArray()).expect(200);
    }
  }

  // ------------------------------------------------------------------ figures

  static Map<String, Object> percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("p50Ms", round(at(sorted, 0.50) / 1e6, 1));
    p.put("p95Ms", round(at(sorted, 0.95) / 1e6, 1));
    p.put("p99Ms", round(at(sorted, 0.99) / 1e6, 1));
    p.put("maxMs", round(sorted[sorted.length - 1] / 1e6, 1));
    p.put("samples", sorted.length);
    return p;
  }

  private static long at(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  static void log(String message) {
    System.out.println("[benchmark " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
  }

  static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind
    }
  }

  /** What the figures ran on. */
  static final class Machine {
    static Map<String, Object> describe() {
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      machine.put("cpu", cpuModel());
      machine.put("cores", Runtime.getRuntime().availableProcessors());
      machine.put("memoryGiB", memoryGiB());
      machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
      machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      machine.put("loadAverageAtStart", loadAverage());
      return machine;
    }

    static String loadAverage() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " "
            + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1] + " "
            + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[2];
      } catch (IOException e) {
        return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    }

    static String cpuModel() {
      try {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    static long memoryGiB() {
      try {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024).findFirst().orElse(-1L);
      } catch (IOException e) {
        return -1;
      }
    }
  }
}
