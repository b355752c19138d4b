package dev.supportdesk.escalation.tracker.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/** The Jira adapter of the tracker port, its webhook and its polling: only with {@code support.tracker.type=jira}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "support.tracker.type", havingValue = JiraTracker.TYPE)
@EnableScheduling
public class JiraTrackerConfiguration {

  private static final Clock CLOCK = Clock.systemUTC();

  @Bean
  JiraClient jiraClient(JiraProperties properties, ObjectMapper json) {
    return new JiraClient(properties, json);
  }

  @Bean
  JiraTickets jiraTickets(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    return new JiraTickets(jdbc, transactions);
  }

  @Bean
  JiraTracker jiraTracker(JiraClient jira, JiraTickets tickets, JiraProperties properties) {
    return new JiraTracker(jira, tickets, properties, CLOCK);
  }

  @Bean
  JiraStatusSync jiraStatusSync(JiraTickets tickets, JiraProperties properties, RuntimeService runtime) {
    return new JiraStatusSync(tickets, properties, runtime);
  }

  @Bean
  JiraStatusPoller jiraStatusPoller(RuntimeService runtime, JiraClient jira, JiraStatusSync sync) {
    return new JiraStatusPoller(runtime, jira, sync, CLOCK);
  }
}
