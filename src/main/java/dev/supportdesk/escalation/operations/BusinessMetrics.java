package dev.supportdesk.escalation.operations;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.notification.Notification;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.sla.SlaTarget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The support desk's own figures for operators, beside the JVM's and the engine's, on
 * {@code /actuator/prometheus} (and {@code /actuator/metrics}). Each is read when scraped, from the
 * engine and the application's tables, so it is right on every node of a cluster and after a restart:
 *
 * <ul>
 *   <li>{@code support_cases_open{priority}}: open cases (SupportCaseProcess instances) per priority;
 *   <li>{@code support_queue_tasks{group}}: open tasks each tier's queue offers (candidate group);
 *   <li>{@code support_sla_warnings_total{target}}, {@code support_sla_breaches_total{target}}: SLA
 *       warnings and breaches ever recorded;
 *   <li>{@code support_incidents_open{kind}}: open incidents by what failed ({@code mail}, {@code tracker},
 *       {@code other});
 *   <li>{@code support_outbox_pending}: customer mails recorded but not yet sent;
 *   <li>{@code support_jobs_due} and {@code support_jobs_failed}: asynchronous steps waiting for the job
 *       executor, and those out of retries.
 * </ul>
 *
 * Engine queries run without a user, as the application itself (a scrape has no engine identity).
 */
@Component
public class BusinessMetrics implements MeterBinder {

  static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3");
  static final List<String> QUEUES = List.of(Groups.TIER1, Groups.TIER2, Groups.ENGINEERING, Groups.QA,
      Groups.NETWORK_OPERATIONS, Groups.DATABASE_ADMINISTRATORS, Groups.TIER1_LEADS, Groups.TIER2_LEADS,
      Groups.ENGINEERING_LEADS, Groups.PRODUCT_MANAGEMENT);

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;

  public BusinessMetrics(ProcessEngine engine, JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String priority : PRIORITIES) {
      gauge(registry, "support.cases.open", "Open support cases", () -> engine.getRuntimeService()
          .createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID).active()
          .variableValueEquals(CaseVariables.PRIORITY, priority).count(), "priority", priority);
    }
    for (String group : QUEUES) {
      gauge(registry, "support.queue.tasks", "Open tasks in a queue (candidate group)", () -> engine.getTaskService()
          .createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count(), "group", group);
    }
    for (SlaTarget target : SlaTarget.values()) {
      FunctionCounter.builder("support.sla.warnings", this, metrics -> metrics.count(
              "SELECT COUNT(*) FROM sla_clock WHERE target = ? AND warned_at IS NOT NULL", target.name()))
          .description("SLA warnings recorded").tag("target", target.name()).register(registry);
      FunctionCounter.builder("support.sla.breaches", this, metrics -> metrics.count(
              "SELECT COUNT(*) FROM sla_clock WHERE target = ? AND breached_at IS NOT NULL", target.name()))
          .description("SLA breaches recorded").tag("target", target.name()).register(registry);
    }
    Gauge.builder("support.outbox.pending", this, metrics -> metrics.count(
            "SELECT COUNT(*) FROM notification_outbox WHERE status = ?", Notification.PENDING))
        .description("Customer mails recorded and not yet sent").register(registry);
    gauge(registry, "support.jobs.due", "Asynchronous steps waiting for the job executor",
        () -> engine.getManagementService().createJobQuery().executable().count());
    gauge(registry, "support.jobs.failed", "Asynchronous steps out of retries (incidents)",
        () -> engine.getManagementService().createJobQuery().noRetriesLeft().count());
    new IncidentGauges(engine, registry).bind();
  }

  private void gauge(MeterRegistry registry, String name, String description, Supplier<Number> value, String... tags) {
    Gauge.builder(name, value).description(description).tags(tags).register(registry);
  }

  double count(String sql, Object... arguments) {
    Long count = jdbc.queryForObject(sql, Long.class, arguments);
    return count == null ? 0 : count;
  }
}
