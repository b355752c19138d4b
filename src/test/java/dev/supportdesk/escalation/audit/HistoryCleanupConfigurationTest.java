package dev.supportdesk.escalation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The archive is kept as long as each diagram's time-to-live says, and cleaned only at night. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "spring.datasource.url=jdbc:h2:mem:history-cleanup;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class HistoryCleanupConfigurationTest {

  @Autowired ProcessEngine engine;

  @Test
  void engineCleansUpHistoryByRemovalTimeInTheNightlyWindowOfApplicationYaml() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    assertThat(configuration.getHistoryLevel().getName()).isEqualTo("full");
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");

    // the engine schedules its cleanup job itself when a window is configured
    List<Job> cleanupJobs = engine.getHistoryService().findHistoryCleanupJobs();
    assertThat(cleanupJobs).isNotEmpty();
    for (Job job : cleanupJobs) {
      LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
      assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
    }
  }
}
