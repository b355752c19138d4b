package dev.supportdesk.escalation.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.SupportCaseElements;
import dev.supportdesk.escalation.support.ChildApplication;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.PostgresDatabase;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes, each in a JVM of its own with its job executor on, share one real PostgreSQL
 * (README "Several nodes"). A thousand probe cases, each with three jobs (two asynchronous steps and a
 * short timer between them), and some real support cases are started through both nodes' REST APIs at
 * once. Every case must end (none lost, none stuck), every job must have exactly one successful run in
 * the job log, the probe steps' side effects (written outside the engine's transaction, so a second run
 * shows even when the engine rolled it back) must appear exactly once per case and step, and both nodes
 * must have done a real share of the work. (The side effects are what catches a double run: with a lock
 * time of 1 ms, so that each node grabbed jobs the other was still running, the job log still showed no
 * job with two successful runs, while the side effects showed 4,827 second runs.)
 */
class TwoNodeClusterTest {

  static final int PROBE_CASES = 1_000;
  static final int SUPPORT_CASES = 40;
  static final String PROBE = "ClusterProbeProcess";
  static final List<String> PROBE_STEPS = List.of("Task_FirstStep", "Task_SecondStep");
  static final int JOBS_PER_PROBE = 3;
  static final List<String> NODES = List.of("node-1", "node-2");
  /**
   * After the last case was acknowledged, both nodes together must finish within this; what is unfinished
   * then counts as stuck. Ample: the work mostly finishes while the cases are still being started.
   */
  static final Duration WORK_BUDGET = Duration.ofSeconds(120);
  static final int JOB_LOG_SUCCESSFUL = 2;
  /**
   * A successful run in the job log. The engine's history cleanup job is left out: it reschedules itself
   * under the same id while its nightly window is open, so its several runs are by design, not duplicates.
   */
  static final String RUN = "job_state_ = " + JOB_LOG_SUCCESSFUL + " and coalesce(job_def_type_, '') <> 'history-cleanup'";

  final String url = PostgresDatabase.newDatabase("cluster");

  @Test
  void everyJobRunsExactlyOnceAndNoCaseIsLostOrStuckOnTwoNodes() throws Exception {
    List<Path> workDirs = NODES.stream().map(node -> ChildApplication.tempDirectory("cluster-" + node)).toList();
    // node 1 alone first: it migrates the fresh database (Flyway, engine schema) and deploys
    try (ChildApplication node1 = ChildApplication.start(workDirs.get(0), nodeArgs(NODES.get(0)));
         ChildApplication node2 = ChildApplication.start(workDirs.get(1), nodeArgs(NODES.get(1)))) {
      List<ChildApplication> nodes = List.of(node1, node2);
      deployProbe(node1);

      // given: cases started through both nodes' REST APIs, several clients at once
      Instant started = Instant.now();
      List<String> refused = startCases(nodes);
      Instant acknowledged = Instant.now();

      // when: both job executors work until every case is where it should be, or the budget has run out
      Instant deadline = acknowledged.plus(WORK_BUDGET);
      while (Instant.now().isBefore(deadline) && !allDone()) {
        Thread.sleep(500);
      }
      Duration elapsed = Duration.between(started, Instant.now());

      // then
      long probeInstances = count("select count(*) from act_hi_procinst where proc_def_key_ = ?", PROBE);
      long probeEnded = count("select count(*) from act_hi_procinst where proc_def_key_ = ? and state_ = 'COMPLETED'", PROBE);
      long probeJobsLeft = count("select count(*) from act_ru_job where process_def_key_ = ?", PROBE);
      long incidents = count("select count(*) from act_ru_incident");
      long probeJobs = count("select count(distinct job_id_) from act_hi_job_log where process_def_key_ = ?", PROBE);
      long allJobsRun = count("select count(distinct job_id_) from act_hi_job_log where " + RUN);
      long jobsRunTwice = count("select count(*) from (select job_id_ from act_hi_job_log where " + RUN
          + " group by job_id_ having count(*) > 1) twice");
      Map<String, Long> runTwice = perNode("select job_def_type_ || ' ' || job_id_, count(*) from act_hi_job_log where "
          + RUN + " group by job_def_type_, job_id_ having count(*) > 1");
      long cleanupRuns = count("select count(*) from act_hi_job_log where job_state_ = " + JOB_LOG_SUCCESSFUL
          + " and job_def_type_ = 'history-cleanup'");
      long probeJobsNeverRun = count("select count(distinct job_id_) from act_hi_job_log j where process_def_key_ = ?"
          + " and not exists (select 1 from act_hi_job_log s where s.job_id_ = j.job_id_ and s.job_state_ = "
          + JOB_LOG_SUCCESSFUL + ")", PROBE);
      long failedRuns = count("select count(*) from act_hi_job_log where job_state_ = 1");
      Map<String, Long> jobsPerNode = perNode("select hostname_, count(*) from act_hi_job_log where " + RUN
          + " group by hostname_");
      long supportCases = count("select count(*) from act_hi_procinst where proc_def_key_ = ?", CaseVariables.PROCESS_ID);
      long supportNotified = count("select count(*) from act_hi_actinst where proc_def_key_ = ? and act_id_ = ?"
          + " and end_time_ is not null", CaseVariables.PROCESS_ID, SupportCaseElements.TASK_NOTIFY_CASE_RECEIVED);
      long supportAtTier1 = count("select count(*) from act_ru_task t"
          + " join act_re_procdef d on d.id_ = t.proc_def_id_ where d.key_ = ? and t.task_def_key_ = ?",
          CaseVariables.PROCESS_ID, Tier1Variables.TASK_ANALYSE_AT_TIER1);
      long slaTimersWaiting = count("select count(*) from act_ru_job where type_ = 'timer' and process_def_key_ <> ?", PROBE);

      Map<String, Integer> sideEffects = new HashMap<>();
      Map<String, Long> sideEffectsPerNode = new TreeMap<>();
      for (Path dir : workDirs) {
        Path file = dir.resolve(ClusterProbeStep.SIDE_EFFECTS);
        for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
          String[] parts = line.split(" ");
          sideEffects.merge(parts[0] + " " + parts[1], 1, Integer::sum);
          sideEffectsPerNode.merge(parts[2], 1L, Long::sum);
        }
      }
      long duplicateSideEffects = sideEffects.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
      long missingSideEffects = (long) PROBE_CASES * PROBE_STEPS.size() - sideEffects.size();

      System.out.printf("two-node cluster on PostgreSQL: probe cases=%d (+%d support cases), acknowledged in %d ms, "
              + "all done in %d ms%n", PROBE_CASES, SUPPORT_CASES, Duration.between(started, acknowledged).toMillis(),
          elapsed.toMillis());
      System.out.printf("  probe: instances=%d, ended=%d, lost=%d, stuck=%d, jobs=%d (%d per case), jobs left=%d%n",
          probeInstances, probeEnded, PROBE_CASES - probeInstances, probeInstances - probeEnded, probeJobs,
          JOBS_PER_PROBE, probeJobsLeft);
      System.out.printf("  job log: jobs run=%d, run twice (duplicates)=%d, probe jobs never run=%d, failed runs=%d, "
          + "incidents=%d; jobs per node=%s; history cleanup runs=%d%n", allJobsRun, jobsRunTwice, probeJobsNeverRun,
          failedRuns, incidents, jobsPerNode, cleanupRuns);
      System.out.printf("  side effects outside the transaction: %d (case, step) pairs, duplicates=%d, missing=%d, "
          + "per node=%s%n", sideEffects.size(), duplicateSideEffects, missingSideEffects, sideEffectsPerNode);
      System.out.printf("  support cases: started=%d, notified once=%d, at Tier 1=%d, SLA timers waiting=%d%n",
          supportCases, supportNotified, supportAtTier1, slaTimersWaiting);

      assertThat(refused).as("case starts the REST APIs refused").isEmpty();
      // no case lost or stuck
      assertThat(probeInstances).as("probe cases in history").isEqualTo(PROBE_CASES);
      assertThat(probeEnded).as("probe cases ended within %s of the last start", WORK_BUDGET).isEqualTo(PROBE_CASES);
      assertThat(probeJobsLeft).as("probe jobs left").isZero();
      assertThat(incidents).as("incidents").isZero();
      assertThat(supportCases).as("support cases").isEqualTo(SUPPORT_CASES);
      assertThat(supportNotified).as("'case received' notifications").isEqualTo(SUPPORT_CASES);
      assertThat(supportAtTier1).as("support cases waiting at Tier 1").isEqualTo(SUPPORT_CASES);
      // every job exactly once
      assertThat(probeJobs).as("probe jobs").isEqualTo((long) PROBE_CASES * JOBS_PER_PROBE);
      assertThat(jobsRunTwice).as("jobs with more than one successful run: %s", runTwice).isZero();
      assertThat(probeJobsNeverRun).as("probe jobs without a successful run").isZero();
      assertThat(sideEffects).as("side effects per (case, step)").hasSize(PROBE_CASES * PROBE_STEPS.size())
          .allSatisfy((step, times) -> assertThat(times).as("runs of %s", step).isEqualTo(1));
      // both nodes did a real share, and the job log names the node that ran each job
      assertThat(jobsPerNode.keySet()).as("nodes in the job log").containsExactlyInAnyOrderElementsOf(NODES);
      for (String node : NODES) {
        assertThat(jobsPerNode.get(node)).as("jobs run by %s", node).isGreaterThan(allJobsRun / 10);
        assertThat(sideEffectsPerNode.get(node)).as("probe steps run by %s", node)
            .isEqualTo(count("select count(*) from act_hi_job_log where " + RUN
                + " and hostname_ = ? and act_id_ in ('" + String.join("', '", PROBE_STEPS) + "')", node));
      }
    }
    // passed: the nodes' logs and side-effect files are not needed (after a failure they stay for reading)
    for (Path dir : workDirs) {
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  String[] nodeArgs(String node) {
    return new String[] {
        "--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        // the name the job log (ACT_HI_JOB_LOG.HOSTNAME_) records for jobs this node ran
        "--camunda.bpm.generic-properties.properties.hostname=" + node};
  }

  void deployProbe(ChildApplication node) throws IOException {
    byte[] bpmn;
    try (InputStream in = getClass().getResourceAsStream("/cluster/" + PROBE + ".bpmn")) {
      bpmn = in.readAllBytes();
    }
    HttpResponse<String> deployed = node.http().postMultipart("/engine-rest/deployment/create", node.admin(),
        new Http.Multipart().field("deployment-name", PROBE).field("deployment-source", "TwoNodeClusterTest")
            .file("data", PROBE + ".bpmn", bpmn));
    assertThat(deployed.statusCode()).as("probe deployment: %s", deployed.body()).isEqualTo(200);
  }

  /** Starts every case, alternating between the nodes, four clients at once; returns the refusals. */
  List<String> startCases(List<ChildApplication> nodes) throws Exception {
    List<Http> https = nodes.stream().map(ChildApplication::http).toList();
    String admin = nodes.get(0).admin();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < PROBE_CASES; i++) {
        Http http = https.get(i % https.size());
        String body = "{\"businessKey\":\"" + String.format("PROBE-%04d", i) + "\"}";
        answers.add(clients.submit(() -> refusal(http.postJson(
            "/engine-rest/process-definition/key/" + PROBE + "/start", admin, body))));
      }
      for (int i = 0; i < SUPPORT_CASES; i++) {
        Http http = https.get(i % https.size());
        String body = "{\"businessKey\":\"" + String.format("CASE-2026-CLU%03d", i) + "\",\"variables\":{"
            + "\"" + CaseVariables.SUMMARY + "\":{\"value\":\"Cluster case " + i + "\",\"type\":\"String\"},"
            + "\"" + CaseVariables.DESCRIPTION + "\":{\"value\":\"Started on a two-node cluster\",\"type\":\"String\"}}}";
        answers.add(clients.submit(() -> refusal(http.postJson(
            "/engine-rest/process-definition/key/" + CaseVariables.PROCESS_ID + "/start", admin, body))));
      }
      List<String> refused = new ArrayList<>();
      for (Future<String> answer : answers) {
        String refusal = answer.get();
        if (refusal != null) {
          refused.add(refusal);
        }
      }
      return refused;
    } finally {
      clients.shutdownNow();
    }
  }

  static String refusal(HttpResponse<String> response) {
    return response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
  }

  boolean allDone() throws SQLException {
    return count("select count(*) from act_hi_procinst where proc_def_key_ = ? and end_time_ is not null", PROBE)
        == PROBE_CASES
        && count("select count(*) from act_hi_actinst where proc_def_key_ = ? and act_id_ = ?",
            CaseVariables.PROCESS_ID, Tier1Variables.TASK_ANALYSE_AT_TIER1) == SUPPORT_CASES;
  }

  long count(String sql, Object... parameters) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
         PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  Map<String, Long> perNode(String sql) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
         PreparedStatement statement = connection.prepareStatement(sql);
         ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        counts.put(String.valueOf(result.getString(1)), result.getLong(2));
      }
    }
    return counts;
  }
}
