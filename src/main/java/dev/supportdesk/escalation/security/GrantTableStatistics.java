package dev.supportdesk.escalation.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, gives the planner what it needs to plan the Tasklist queues: statistics on the engine's
 * grant table that know which grants a group holds for which resource with which permission bits.
 *
 * <p>Every task query with authorization on joins {@code ACT_RU_AUTHORIZATION} filtered with bit
 * operations ({@code PERMS_ & 2 = 2} for READ on a task, {@code PERMS_ & 64 = 64} for READ_TASK on a
 * process definition) and an {@code OR} join condition ({@code RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}).
 * Without these statistics PostgreSQL expects a few dozen matching grants where the engine has written
 * one per open task for its candidate group, and joins every task with every grant (10,000 tasks: 10^8
 * row pairs, 20 to 60 s per queue request). With them it expects the right number and probes the grants
 * per task through {@code ACT_IDX_AUTH_RESOURCE_ID} (under a second for the count, milliseconds for a page
 * of 15). docs/performance.md has the plans.
 *
 * <p>Created here rather than by Flyway because the engine creates its tables itself, and on an empty
 * database Flyway runs before it (the application's migrations first, then the engine's create scripts).
 * Idempotent; autovacuum's ANALYZE keeps the statistics current.
 * The statistics hold only for plans made with the permission values in hand, so the {@code postgres}
 * profile also makes every connection plan each statement for its values
 * ({@code plan_cache_mode = force_custom_plan}, application.yaml).
 */
@Component
public class GrantTableStatistics extends AbstractCamundaConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(GrantTableStatistics.class);

  static final String NAME = "act_ru_authorization_grants";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
    ensure(configuration.getDataSource(), table);
  }

  static void ensure(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection()) {
      if (exists(connection)) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        // MCV list over the columns the authorization join filters on: who holds the grant, for which
        // resource type, with the READ and READ_TASK bits the task queries test
        statement.execute("CREATE STATISTICS IF NOT EXISTS " + NAME + " (mcv) ON TYPE_, GROUP_ID_, USER_ID_, "
            + "RESOURCE_TYPE_, (PERMS_ & 2), (PERMS_ & 64) FROM " + table);
        statement.execute("ANALYZE " + table);
      }
      LOG.info("Created planner statistics {} on {}", NAME, table);
    } catch (SQLException e) {
      // another node may have created them at the same moment; queries work without them, only slower
      LOG.warn("Could not create planner statistics {} on {}: {}", NAME, table, e.getMessage());
    }
  }

  static boolean exists(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM pg_statistic_ext WHERE stxname = ? AND stxnamespace = to_regnamespace(current_schema())::oid")) {
      query.setString(1, NAME);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
