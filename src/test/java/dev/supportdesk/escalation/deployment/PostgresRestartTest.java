package dev.supportdesk.escalation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.support.AppRunner;
import dev.supportdesk.escalation.support.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The postgres profile against a real PostgreSQL server (started by the build, no Docker): the
 * application starts, deploys every file of processes/ and forms/ in one deployment, keeps cases
 * across a restart, and a restart with unchanged files deploys nothing new.
 */
class PostgresRestartTest {

  @Test
  void startsOnPostgresDeploysOnceAndKeepsCasesAcrossRestart() throws IOException {
    String url = PostgresDatabase.newDatabase("restart");
    Map<String, String> properties = Map.of(
        "spring.datasource.url", url,
        "spring.datasource.username", "postgres",
        "spring.datasource.password", "postgres",
        "server.port", "0",
        "camunda.bpm.admin-user.password", "Operator-Passw0rd!");

    String caseId;
    List<String> expectedResources = filesOf("processes", "forms");
    try (ConfigurableApplicationContext first = AppRunner.start(properties, "postgres")) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");

      List<Deployment> deployments = deploymentsOf(engine);
      assertThat(deployments).hasSize(1);
      assertThat(engine.getRepositoryService().getDeploymentResourceNames(deployments.get(0).getId()))
          .containsExactlyInAnyOrderElementsOf(expectedResources);

      caseId = engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, "CASE-2026-PGTEST",
          Map.of(CaseVariables.SUMMARY, "Survives a restart", CaseVariables.DESCRIPTION, "Stored in PostgreSQL")).getId();
      // the application's own tables live beside the engine's
      assertThat(first.getBean(JdbcTemplate.class)
          .queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class)).isPositive();
      // the Tasklist queues' plan (docs/performance.md): statistics on the grant table, custom plans, no JIT
      JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_statistic_ext WHERE stxname = 'act_ru_authorization_grants'",
          Integer.class)).isEqualTo(1);
      assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
      assertThat(jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
      // the postgres profile creates no demo logins
      assertThat(engine.getIdentityService().createUserQuery().userId("tier1-agent").count()).isZero();
    }

    try (ConfigurableApplicationContext second = AppRunner.start(properties, "postgres")) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(deploymentsOf(engine)).as("unchanged files deploy nothing new").hasSize(1);
      assertThat(second.getBean(JdbcTemplate.class).queryForObject(
          "SELECT count(*) FROM pg_statistic_ext WHERE stxname = 'act_ru_authorization_grants'", Integer.class))
          .as("a restart keeps the grant statistics as they are").isEqualTo(1);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(caseId).singleResult())
          .isNotNull()
          .satisfies(instance -> assertThat(instance.getBusinessKey()).isEqualTo("CASE-2026-PGTEST"));
    }
  }

  static List<Deployment> deploymentsOf(ProcessEngine engine) {
    return engine.getRepositoryService().createDeploymentQuery()
        .deploymentName(ProcessesDeploymentConfiguration.DEPLOYMENT_NAME).list();
  }

  /** Every file of the given top-level folders, named as the deployment names them. */
  static List<String> filesOf(String... folders) throws IOException {
    List<String> names = new java.util.ArrayList<>();
    for (String folder : folders) {
      try (Stream<Path> files = Files.walk(Path.of(folder))) {
        files.filter(Files::isRegularFile)
            .map(path -> folder + "/" + Path.of(folder).relativize(path).toString().replace('\\', '/'))
            .forEach(names::add);
      }
    }
    return names;
  }
}
