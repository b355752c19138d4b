package dev.supportdesk.escalation.benchmark;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Grows the engine's history to a given number of rows by copying the history of the cases the benchmark
 * closed through the application (every ACT_HI_* table that carries ROOT_PROC_INST_ID_), with fresh ids and
 * business keys ({@code <last 50 characters of the original>~<copy>}, within the engine's 64-character ids). Runs with the application stopped (H2's file is locked while it
 * runs), with INSERT ... SELECT inside the database: a million rows take seconds, not the hours the engine
 * would need. Process definitions, byte arrays and timestamps are shared with the originals.
 */
final class HistorySeeder {

  /** Columns that identify an instance, activity, task, variable or decision: rewritten in every copy. */
  private static final Set<String> INSTANCE_COLUMNS = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_",
      "SUPER_PROCESS_INSTANCE_ID_", "EXECUTION_ID_", "ACT_INST_ID_", "PARENT_ACT_INST_ID_", "TASK_ID_",
      "VAR_INST_ID_", "CALL_PROC_INST_ID_", "DEC_INST_ID_", "ROOT_DEC_INST_ID_", "BUSINESS_KEY_",
      "PROC_INST_BUSINESS_KEY_", "JOB_ID_");

  /** The same for the runtime rows of an instance waiting at a user task (execution, task, candidates, grants). */
  private static final Set<String> RUNTIME_COLUMNS = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_",
      "PARENT_ID_", "SUPER_EXEC_", "EXECUTION_ID_", "TASK_ID_", "ACT_INST_ID_", "BUSINESS_KEY_", "RESOURCE_ID_");

  private static final long ROWS_PER_STATEMENT = 200_000;

  private final Connection connection;
  private final boolean postgres;

  HistorySeeder(Connection connection) throws SQLException {
    this.connection = connection;
    this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
  }

  record Seeded(long rowsBefore, long rowsAfter, int copies, double seconds) {}

  Seeded growTo(long targetRows) throws SQLException {
    long started = System.nanoTime();
    List<String> tables = historyTables();
    long before = countAll(tables, null);
    List<String> copied = tables.stream().filter(this::hasRootColumn).toList();
    String templates = "SELECT ROOT_PROC_INST_ID_ FROM ACT_HI_PROCINST WHERE END_TIME_ IS NOT NULL"
        + " AND PROC_INST_ID_ = ROOT_PROC_INST_ID_ AND PROC_INST_ID_ NOT LIKE '%~%'";
    long perCopy = countAll(copied, "ROOT_PROC_INST_ID_ IN (" + templates + ")");
    if (before >= targetRows || perCopy == 0) {
      return new Seeded(before, before, 0, 0);
    }
    int copies = (int) Math.ceil((targetRows - before) / (double) perCopy);
    int chunk = (int) Math.max(1, ROWS_PER_STATEMENT / perCopy);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (int from = 1; from <= copies; from += chunk) {
        int to = Math.min(copies, from + chunk - 1);
        for (String table : copied) {
          statement.executeUpdate(copySql(table, INSTANCE_COLUMNS,
              "S.ROOT_PROC_INST_ID_ IN (" + templates + ")", from, to));
        }
        connection.commit();
      }
      statement.execute("ANALYZE");
      connection.commit();
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    long after = countAll(tables, null);
    return new Seeded(before, after, copies, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Copies the open instances whose business key starts with {@code businessKeyPrefix} (started by the
   * benchmark over REST, each waiting at its user task) until {@code copies} more of them wait: the
   * execution, the task, its candidate group and the task's grant, with fresh ids, as the engine wrote them.
   */
  double copyOpenInstances(String businessKeyPrefix, int copies) throws SQLException {
    long started = System.nanoTime();
    String templates = "SELECT PROC_INST_ID_ FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ LIKE '" + businessKeyPrefix
        + "%' AND ID_ = PROC_INST_ID_ AND PROC_INST_ID_ NOT LIKE '%~%'";
    String tasks = "SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ IN (" + templates + ")";
    int templateCount;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM (" + templates + ") T")) {
      rs.next();
      templateCount = rs.getInt(1);
    }
    if (templateCount == 0 || copies <= 0) {
      return 0;
    }
    int rounds = (int) Math.ceil(copies / (double) templateCount);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (int from = 1; from <= rounds; from += 20) {
        int to = Math.min(rounds, from + 19);
        statement.executeUpdate(copySql("ACT_RU_EXECUTION", RUNTIME_COLUMNS,
            "S.PROC_INST_ID_ IN (" + templates + ")", from, to));
        statement.executeUpdate(copySql("ACT_RU_TASK", RUNTIME_COLUMNS,
            "S.PROC_INST_ID_ IN (" + templates + ")", from, to));
        statement.executeUpdate(copySql("ACT_RU_IDENTITYLINK", RUNTIME_COLUMNS,
            "S.TASK_ID_ IN (" + tasks + ")", from, to));
        statement.executeUpdate(copySql("ACT_RU_AUTHORIZATION", RUNTIME_COLUMNS,
            "S.RESOURCE_TYPE_ = 7 AND S.RESOURCE_ID_ IN (" + tasks + ")", from, to));
        connection.commit();
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  long historyRows() throws SQLException {
    return countAll(historyTables(), null);
  }

  private String copySql(String table, Set<String> rewritten, String where, int from, int to) throws SQLException {
    List<String> columns = columns(table);
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      values.add(rewritten.contains(column)
          ? "RIGHT(S." + column + ", 50) || '~' || CAST(R.X AS VARCHAR(12))"
          : "S." + column);
    }
    String range = postgres ? "generate_series(" + from + ", " + to + ") AS R(X)"
        : "SYSTEM_RANGE(" + from + ", " + to + ") R";
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
        + " FROM " + table + " S CROSS JOIN " + range
        + " WHERE " + where;
  }

  private List<String> historyTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    for (String pattern : List.of("ACT_HI_%", "act_hi_%")) {
      try (ResultSet rs = meta.getTables(null, null, pattern, new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema == null || schema.equalsIgnoreCase("public")) {
            String name = rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
            if (!tables.contains(name)) {
              tables.add(name);
            }
          }
        }
      }
    }
    return tables;
  }

  private boolean hasRootColumn(String table) {
    try {
      return columns(table).contains("ROOT_PROC_INST_ID_");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> columns(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        columns.add(rs.getMetaData().getColumnName(i).toUpperCase(Locale.ROOT));
      }
    }
    return columns;
  }

  private long countAll(List<String> tables, String where) throws SQLException {
    long total = 0;
    try (Statement statement = connection.createStatement()) {
      for (String table : tables) {
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table
            + (where == null ? "" : " WHERE " + where))) {
          rs.next();
          total += rs.getLong(1);
        }
      }
    }
    return total;
  }
}
