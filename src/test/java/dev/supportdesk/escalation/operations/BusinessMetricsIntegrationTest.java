package dev.supportdesk.escalation.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.SupportCaseElements;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.sla.SlaVariables;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scope 3: an operator scrapes /actuator/prometheus after a few cases and reads the support desk's own
 * figures with the values the cases produced; anonymous scrapers and agents are refused.
 */
// Spring Boot tests switch metric exporters off unless asked: the Prometheus endpoint is what is tested
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:business-metrics;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class BusinessMetricsIntegrationTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void users() {
    http = new Http(port);
    TestUsers.ensure(engine.getIdentityService(), "olga.ops", Groups.OPERATORS);
    TestUsers.ensure(engine.getIdentityService(), "tim.tier1", Groups.TIER1);
  }

  @Test
  void anOperatorScrapesTheCasesQueuesSlaIncidentsOutboxAndJobsAsTheyAre() {
    String before = scrape();
    assertThat(value(before, "support_cases_open", "priority=\"P0\"")).isZero();

    // three cases: two P0 (HIGH impact and urgency), one P2
    open("CASE-2026-MT0001", "HIGH", "HIGH");
    open("CASE-2026-MT0002", "HIGH", "HIGH");
    open("CASE-2026-MT0003", "MEDIUM", "MEDIUM");
    // the first case's receipt mail is recorded (no SMTP here: it stays pending), the second's job fails for good
    execute(job("CASE-2026-MT0001", SupportCaseElements.TASK_NOTIFY_CASE_RECEIVED));
    Job failing = job("CASE-2026-MT0002", SupportCaseElements.TASK_NOTIFY_CASE_RECEIVED);
    engine.getRuntimeService().createIncident("failedJob", failing.getExecutionId(), failing.getId(), "SMTP refused");
    // the third case's first-response warning falls due
    execute(job("CASE-2026-MT0003", SlaVariables.TIMER_FIRST_RESPONSE_WARNING));

    String scraped = scrape();

    assertThat(value(scraped, "support_cases_open", "priority=\"P0\"")).isEqualTo(2);
    assertThat(value(scraped, "support_cases_open", "priority=\"P2\"")).isEqualTo(1);
    assertThat(value(scraped, "support_queue_tasks", "group=\"tier1\"")).isEqualTo(3);
    assertThat(value(scraped, "support_queue_tasks", "group=\"tier1-leads\"")).as("the warning's task").isEqualTo(1);
    assertThat(value(scraped, "support_sla_warnings_total", "target=\"FIRST_RESPONSE\"")).isEqualTo(1);
    assertThat(value(scraped, "support_sla_breaches_total", "target=\"FIRST_RESPONSE\"")).isZero();
    assertThat(value(scraped, "support_incidents_open", "kind=\"mail\"")).isEqualTo(1);
    assertThat(value(scraped, "support_incidents_open", "kind=\"tracker\"")).isZero();
    assertThat(value(scraped, "support_outbox_pending", null)).isEqualTo(1);
    long due = engine.getManagementService().createJobQuery().executable().count();
    assertThat(value(scraped, "support_jobs_due", null)).isEqualTo(due).isPositive();
    // and the engine's and the JVM's own figures beside them
    assertThat(scraped).contains("jvm_memory_used_bytes");
  }

  /**
   * deploy/grafana's dashboard and deploy/prometheus.yml (docker-compose) read what the application exposes:
   * every metric a panel queries is in the scrape, under the path Prometheus scrapes.
   */
  @Test
  void theShippedDashboardQueriesOnlyMetricsTheApplicationExposes() throws Exception {
    String scrape = scrape();
    java.util.Set<String> exposed = scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0]).collect(java.util.stream.Collectors.toSet());
    com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.nio.file.Path.of("deploy/grafana/dashboards/support-escalation.json").toFile());
    java.util.Set<String> queried = new java.util.TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:support|http_server|jvm)_[a-z_]+)\\b");
    for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.path("panels")) {
      for (com.fasterxml.jackson.databind.JsonNode target : panel.path("targets")) {
        Matcher found = metric.matcher(target.path("expr").asText());
        while (found.find()) {
          queried.add(found.group(1));
        }
      }
    }
    System.out.println("Metrics the Grafana dashboard queries: " + queried);
    assertThat(queried).contains("support_cases_open", "support_queue_tasks", "support_sla_breaches_total",
        "support_incidents_open", "support_outbox_pending", "support_jobs_due");
    assertThat(exposed).containsAll(queried);
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("deploy/prometheus.yml")))
        .contains("metrics_path: /actuator/prometheus");
  }

  @Test
  void anonymousScrapersAndAgentsAreRefused() {
    HttpResponse<String> anonymous = http.get("/actuator/prometheus", null);
    HttpResponse<String> agent = http.get("/actuator/prometheus", Http.basic("tim.tier1", TestUsers.PASSWORD));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(agent.statusCode()).isEqualTo(403);
    assertThat(anonymous.body() + agent.body()).doesNotContain("support_cases_open");
  }

  // --- steps -------------------------------------------------------------------------------------

  private void open(String reference, String impact, String urgency) {
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, "Metrics case " + reference, CaseVariables.DESCRIPTION, "For the metrics test",
        CaseVariables.IMPACT, impact, CaseVariables.URGENCY, urgency,
        CaseVariables.CUSTOMER_EMAIL, "reporter@customer.example"));
  }

  private Job job(String reference, String activityId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference).list().stream()
        .flatMap(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
            .activityId(activityId).list().stream())
        .findFirst().orElseThrow(() -> new AssertionError("no job at " + activityId + " of " + reference));
  }

  private void execute(Job job) {
    engine.getManagementService().executeJob(job.getId());
  }

  private String scrape() {
    HttpResponse<String> response = http.get("/actuator/prometheus", Http.basic("olga.ops", TestUsers.PASSWORD));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** The sample's value, e.g. {@code support_cases_open{priority="P0"} 2.0}; fails when it is missing. */
  private static double value(String scrape, String name, String label) {
    Pattern sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$");
    Matcher matcher = sample.matcher(scrape);
    while (matcher.find()) {
      String labels = matcher.group(1) == null ? "" : matcher.group(1);
      if (label == null || labels.contains(label)) {
        return Double.parseDouble(matcher.group(2));
      }
    }
    throw new AssertionError("no sample " + name + " " + label + " in:\n" + scrape.lines()
        .filter(line -> line.startsWith("support_")).toList());
  }
}
