package dev.supportdesk.escalation.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The printed table, and the figures section of docs/performance.md that a rerun replaces. */
final class Report {

  static final String BEGIN = "<!-- benchmark-figures:begin (written by EscalationBenchmark; a rerun replaces this) -->";
  static final String END = "<!-- benchmark-figures:end -->";

  private Report() {}

  record Row(String label, String target, Function<Map<String, Object>, String> value) {}

  @SuppressWarnings("unchecked")
  static String table(Map<String, Object> results) {
    Map<String, Object> databases = (Map<String, Object>) results.get("databases");
    List<Row> rows = new ArrayList<>();
    for (int agents : new int[] {1, 2}) {
      int a = agents;
      rows.add(new Row("full cases/s, " + a + " agent" + (a > 1 ? "s" : ""), a == 2 ? "≥ 15 (H2), ≥ 10 (PostgreSQL)" : "",
          db -> str(throughput(db, a), "fullCasesPerSecond")));
      rows.add(new Row("skeleton cases/s, " + a + " agent" + (a > 1 ? "s" : ""), "",
          db -> str(throughput(db, a), "skeletonCasesPerSecond")));
      rows.add(new Row("ratio full ÷ skeleton, " + a + " agent" + (a > 1 ? "s" : ""), "≥ 0.8",
          db -> str(throughput(db, a), "ratio")));
    }
    rows.add(new Row("statements per closed case, 1 agent: full / skeleton", "",
        db -> db.get("statements") instanceof Map<?, ?> counted
            ? ((Map<String, Object>) counted.get("full")).get("perCase") + " / "
                + ((Map<String, Object>) counted.get("skeleton")).get("perCase")
            : "not counted"));
    rows.add(new Row("Tier 1 queue list (15 of N, Tasklist's request) p50 / p95 / p99 ms", "p95 < 100",
        db -> triple(map(map(db, "tasklist"), "list"))));
    rows.add(new Row("Tier 1 queue count p50 / p95 / p99 ms", "p95 < 100",
        db -> triple(map(map(db, "tasklist"), "count"))));
    rows.add(new Row("Tier 1 queue list while agents claim, p50 / p95 / p99 ms", "p95 < 100",
        db -> triple(map(map(db, "tasklist"), "listWhileChanging"))));
    rows.add(new Row("Tier 1 queue count while agents claim, p50 / p95 / p99 ms", "p95 < 100",
        db -> triple(map(map(db, "tasklist"), "countWhileChanging"))));
    rows.add(new Row("open tasks in the queue / history rows", "10,000 / 1,000,000",
        db -> map(db, "tasklist").get("openTasksInQueue") + " / " + map(db, "history").get("rows")));
    Object clients = ((Map<String, Object>) results.get("config")).get("intakeClients");
    rows.add(new Row("case intake, " + clients + " concurrent customers, p50 / p99 ms", "",
        db -> map(db, "intake").get("p50Ms") + " / " + map(db, "intake").get("p99Ms")));
    rows.add(new Row("case intake cases/s (" + clients + " customers)", "",
        db -> String.valueOf(map(db, "intake").get("casesPerSecond"))));
    rows.add(new Row("start-up s: empty / loaded database (to health UP)", "< 12",
        db -> map(db, "startup").get("emptyDatabaseSeconds") + " / " + map(db, "startup").get("loadedDatabaseSeconds")));
    rows.add(new Row("RSS MiB: idle / after load / peak", "idle < 400",
        db -> map(db, "memoryMiB").get("idleRss") + " / " + map(db, "memoryMiB").get("loadedRss") + " / "
            + map(db, "memoryMiB").get("peakRss")));
    rows.add(new Row("database bytes per closed case", "≤ 80 KB (PostgreSQL)",
        db -> String.format("%,d", ((Number) db.get("databaseBytesPerClosedCase")).longValue())));

    StringBuilder out = new StringBuilder("| measure |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String name : databases.keySet()) {
      out.append(' ').append(name.equals("h2") ? "H2 (file)" : "PostgreSQL 17").append(" |");
      rule.append("---:|");
    }
    out.append(" target |\n").append(rule).append("---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.label()).append(" |");
      for (Object db : databases.values()) {
        String value;
        try {
          value = row.value().apply((Map<String, Object>) db);
        } catch (RuntimeException missing) {
          value = "n/a";
        }
        out.append(' ').append(value).append(" |");
      }
      out.append(' ').append(row.target()).append(" |\n");
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  static void writeDocs(Path docs, Map<String, Object> results, String table) throws IOException {
    Map<String, Object> machine = (Map<String, Object>) results.get("machine");
    String figures = BEGIN + "\n\nMeasured " + machine.get("date") + " on " + machine.get("cores") + " cores ("
        + machine.get("cpu") + "), " + machine.get("memoryGiB") + " GiB RAM, " + machine.get("os") + ", "
        + machine.get("java") + "; load average " + machine.get("loadAverageAtStart") + " at the start, "
        + machine.get("loadAverageAtEnd") + " at the end. Settings: " + results.get("config") + ".\n\n"
        + table + "\n" + END;
    String text = Files.exists(docs) ? Files.readString(docs) : "# Performance\n\n" + BEGIN + "\n" + END + "\n";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(docs + " has no figures section between " + BEGIN + " and " + END);
    }
    Files.writeString(docs, text.substring(0, begin) + figures + text.substring(end + END.length()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> throughput(Map<String, Object> db, int agents) {
    for (Map<String, Object> row : (List<Map<String, Object>>) db.get("throughput")) {
      if (((Number) row.get("agents")).intValue() == agents) {
        return row;
      }
    }
    throw new IllegalStateException("no run with " + agents + " agents");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> db, String key) {
    return (Map<String, Object>) db.get(key);
  }

  private static String str(Map<String, Object> map, String key) {
    return String.valueOf(map.get(key));
  }

  private static String triple(Map<String, Object> p) {
    return p.get("p50Ms") + " / " + p.get("p95Ms") + " / " + p.get("p99Ms");
  }
}
