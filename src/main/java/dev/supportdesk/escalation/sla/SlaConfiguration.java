package dev.supportdesk.escalation.sla;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SLA beans; {@code slaClock} is the name the diagrams call. Engine services are injected lazily:
 * asking for them while beans are created would build the engine, whose schema update then fills the
 * database before Flyway's migrations run (and Flyway refuses a non-empty schema).
 */
@Configuration
@EnableConfigurationProperties(SlaProperties.class)
public class SlaConfiguration {

  @Bean
  public BusinessCalendars businessCalendars(SlaProperties properties) {
    return BusinessCalendars.from(properties);
  }

  @Bean
  public SlaClockRepository slaClockRepository(JdbcTemplate jdbc) {
    return new SlaClockRepository(jdbc);
  }

  @Bean
  public SlaTargets slaTargets(@Lazy DecisionService decisions) {
    return SlaTargets.fromDecisions(decisions);
  }

  @Bean("slaClock")
  public SlaClock slaClock(SlaClockRepository repository, SlaTargets targets, BusinessCalendars calendars,
      SlaProperties properties, @Lazy RuntimeService runtime, @Lazy ManagementService management) {
    return new SlaClock(repository, targets, calendars, properties, runtime, management);
  }

  @Bean("recordSlaBreach")
  public RecordSlaBreachDelegate recordSlaBreach(SlaClock slaClock) {
    return new RecordSlaBreachDelegate(slaClock);
  }

  @Bean("slaLeadTaskValidation")
  public SlaLeadTaskValidation slaLeadTaskValidation() {
    return new SlaLeadTaskValidation();
  }
}
