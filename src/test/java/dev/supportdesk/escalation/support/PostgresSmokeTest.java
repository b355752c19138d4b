package dev.supportdesk.escalation.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class PostgresSmokeTest {
  @Test
  void serverAnswers() throws Exception {
    String url = PostgresDatabase.newDatabase("smoke");
    try (var c = DriverManager.getConnection(url, "postgres", "postgres"); var rs = c.createStatement().executeQuery("select version()")) {
      rs.next();
      assertThat(rs.getString(1)).contains("PostgreSQL");
    }
  }
}
