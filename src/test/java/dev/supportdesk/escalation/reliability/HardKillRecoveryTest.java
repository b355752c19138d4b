package dev.supportdesk.escalation.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.SupportCaseElements;
import dev.supportdesk.escalation.intake.IdempotencyKeys;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.sla.SlaVariables;
import dev.supportdesk.escalation.support.ChildApplication;
import dev.supportdesk.escalation.support.FreePort;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.PostgresDatabase;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing a customer or agent was told is saved may be lost, and nothing may happen twice: the application
 * is killed with SIGKILL in the middle of a load (customers opening cases through {@code /api/cases} with
 * Idempotency-Keys from several threads, an agent completing Tier 1 tasks, "notify customer" jobs mailing
 * over SMTP), restarted, and then:
 * <ul>
 *   <li>every acknowledged case exists exactly once, with its SLA clock;</li>
 *   <li>a customer whose request got no answer retries with the same Idempotency-Key and gets one case, the
 *       one committed before the kill if there was one, never a second;</li>
 *   <li>every case continues from its last committed step (its "case received" mail goes out, it reaches
 *       the Tier 1 queue), every acknowledged task completion stays completed;</li>
 *   <li>every customer gets each mail once (counted in an SMTP server in the test's JVM).</li>
 * </ul>
 * On the embedded default (H2 file under ./data, exactly as application.yaml configures it) and on PostgreSQL.
 */
class HardKillRecoveryTest {

  static final int CLIENTS = 4;
  /** The kill comes once this many cases were acknowledged and the agent completed a few tasks. */
  static final int KILL_AFTER_ACKNOWLEDGED = 24;
  static final int KILL_AFTER_PROPOSED_RESOLUTIONS = 3;
  static final String ORGANISATION = "org-crash";
  static final String AGENT = "crash.agent";
  static final String NOTIFY_RECEIVED = SupportCaseElements.TASK_NOTIFY_CASE_RECEIVED;
  static final String NOTIFY_RESOLUTION = SupportCaseElements.TASK_NOTIFY_RESOLUTION_PROPOSED;
  static final String RECEIVED_SUBJECT = "We received your case";
  /** The starter's default job executor pool (max-pool-size): at most this many steps run at the kill. */
  static final int JOB_EXECUTOR_THREADS = 10;
  static final Duration PATIENCE = Duration.ofSeconds(180);

  final ObjectMapper json = new ObjectMapper();
  GreenMail smtp;
  int smtpPort;

  @BeforeEach
  void smtpServer() {
    smtpPort = FreePort.next();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void killedInTheMiddleOfALoadEveryCaseContinuesOnceOnTheEmbeddedDefault() throws Exception {
    crashInTheMiddleOfALoad("H2 file", ChildApplication.tempDirectory("hard-kill"), "h2");
  }

  @Test
  void killedInTheMiddleOfALoadEveryCaseContinuesOnceOnPostgres() throws Exception {
    String url = PostgresDatabase.newDatabase("hardkill");
    crashInTheMiddleOfALoad("PostgreSQL", ChildApplication.tempDirectory("hard-kill-pg"), "pg",
        "--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
  }

  // ------------------------------------------------------------------ the scenario

  /** One customer request: what was sent, and what came back (null reference: no answer). */
  record Submission(String customer, String key, String body, String reference, int status) {}

  /** A task completion the engine acknowledged (204). */
  record Completion(String taskId, String taskDefinitionKey, String processInstanceId) {}

  void crashInTheMiddleOfALoad(String database, Path workDir, String prefix, String... databaseArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of(databaseArgs));
    args.add("--spring.mail.host=127.0.0.1");
    args.add("--spring.mail.port=" + smtpPort);
    String[] appArgs = args.toArray(String[]::new);

    ChildApplication first = ChildApplication.start(workDir, appArgs);
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      customers.add("crash." + prefix + ".customer" + i);
    }
    identities(first, customers);

    // given customers opening cases from several threads while an agent works the Tier 1 queue
    Queue load = new Queue();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String customer = customers.get(i);
      threads.add(new Thread(() -> customerLoop(first, customer, running, load), "customer-" + i));
    }
    threads.add(new Thread(() -> agentLoop(first, running, load), "agent"));
    threads.forEach(Thread::start);
    await().atMost(PATIENCE).until(() -> load.acknowledged.size() >= KILL_AFTER_ACKNOWLEDGED
        && load.completions.stream().filter(c -> c.taskDefinitionKey().equals(Tier1Variables.TASK_COMMUNICATE_RESOLUTION))
            .count() >= KILL_AFTER_PROPOSED_RESOLUTIONS);

    // when the application is killed while requests, completions and jobs are running
    first.killHard();
    long killedAt = System.nanoTime();
    running.set(false);
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(60).toMillis());
    }
    assertThat(load.unexpected).as("answers other than 201/204 before the kill").isEmpty();
    List<Submission> acknowledged = List.copyOf(load.acknowledged);
    List<Submission> inFlight = List.copyOf(load.unanswered);
    List<Completion> completions = List.copyOf(load.completions);

    try (ChildApplication second = ChildApplication.start(workDir, appArgs)) {
      Duration restart = Duration.ofNanos(System.nanoTime() - killedAt);
      Http http = second.http();

      // the customers whose request got no answer retry with the same key and body
      int recoveredInFlight = 0;
      Map<String, String> caseOfKey = new HashMap<>();
      acknowledged.forEach(s -> caseOfKey.put(s.customer() + "/" + s.key(), s.reference()));
      for (Submission unanswered : inFlight) {
        HttpResponse<String> retried = submit(http, unanswered.customer(), unanswered.key(), unanswered.body());
        assertThat(retried.statusCode()).as("retry of %s: %s", unanswered.key(), retried.body()).isIn(200, 201);
        if (retried.statusCode() == 200) {
          recoveredInFlight++; // committed before the kill, only the answer was lost
        }
        caseOfKey.put(unanswered.customer() + "/" + unanswered.key(), reference(retried));
      }
      // and a retry of an acknowledged request after the restart gets the same case back
      for (Submission answered : acknowledged.subList(0, 3)) {
        HttpResponse<String> replayed = submit(http, answered.customer(), answered.key(), answered.body());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(reference(replayed)).isEqualTo(answered.reference());
      }

      // then every case exists exactly once, with its SLA clock, and no case exists no client knows of
      Map<String, Integer> instancesPerCase = instancesPerBusinessKey(http, second, CaseVariables.PROCESS_ID);
      Map<String, Integer> clocksPerCase = instancesPerBusinessKey(http, second, SlaVariables.PROCESS_ID);
      Set<String> expectedCases = new HashSet<>(caseOfKey.values());
      assertThat(expectedCases).as("one case per Idempotency-Key").hasSize(caseOfKey.size());
      int lost = 0;
      int duplicated = 0;
      for (String reference : expectedCases) {
        int instances = instancesPerCase.getOrDefault(reference, 0);
        lost += instances == 0 ? 1 : 0;
        duplicated += Math.max(0, instances - 1);
        assertThat(clocksPerCase.getOrDefault(reference, 0)).as("SLA clock of %s", reference).isEqualTo(1);
      }
      assertThat(instancesPerCase.keySet()).as("cases after the restart").isEqualTo(expectedCases);

      // every case continues from its last committed step: "case received" ran once, Tier 1 has the case
      for (String reference : expectedCases) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(finished(http, second, reference, NOTIFY_RECEIVED))
            .as("'case received' steps of %s", reference).isEqualTo(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(atTier1OrResolutionProposed(http, second, reference))
            .as("%s in the Tier 1 queue or its resolution proposed", reference).isTrue());
      }
      // every acknowledged completion stayed completed; a proposed resolution went out once
      for (Completion completion : completions) {
        JsonNode task = json.readTree(http.get("/engine-rest/history/task?taskId=" + completion.taskId(),
            second.admin()).body()).get(0);
        assertThat(task.get("deleteReason").asText()).as("task %s", completion.taskId()).isEqualTo("completed");
        if (completion.taskDefinitionKey().equals(Tier1Variables.TASK_COMMUNICATE_RESOLUTION)) {
          String reference = json.readTree(http.get("/engine-rest/history/process-instance/"
              + completion.processInstanceId(), second.admin()).body()).get("businessKey").asText();
          await().atMost(PATIENCE).untilAsserted(() -> assertThat(finished(http, second, reference, NOTIFY_RESOLUTION))
              .as("'resolution proposed' steps of %s", reference).isEqualTo(1));
        }
      }
      // nothing is left to run: a completion whose answer was lost may still have had its mail step committed
      await().atMost(PATIENCE).until(() -> jobsAt(http, second, NOTIFY_RECEIVED) + jobsAt(http, second, NOTIFY_RESOLUTION) == 0);
      int proposals = 0;
      for (String reference : expectedCases) {
        proposals += finished(http, second, reference, NOTIFY_RESOLUTION);
      }
      // and the customers received each mail: one "case received" per case, one per proposed resolution
      int expectedMails = expectedCases.size() + proposals;
      await().atMost(PATIENCE).until(() -> smtp.getReceivedMessages().length >= expectedMails);
      Duration recovered = Duration.ofNanos(System.nanoTime() - killedAt);
      Thread.sleep(2000); // anything still to come would be a second copy
      MimeMessage[] mails = smtp.getReceivedMessages();
      // a mail is "sent twice" when the customer sees two: two different messages of one case and kind.
      // SMTP cannot take part in the commit, so a step cut by the kill after the server accepted its mail
      // sends it again, with the same Message-ID (keyed by the step's job), which mail clients show once.
      Map<String, Set<String>> messageIdsPerCaseAndKind = new TreeMap<>();
      int deliveries = 0;
      for (MimeMessage mail : mails) {
        String subject = mail.getSubject();
        String kind = subject.substring(subject.indexOf(']') + 2, subject.indexOf(':'));
        messageIdsPerCaseAndKind.computeIfAbsent(mail.getHeader("X-Case-Reference", null) + " / " + kind,
            k -> new HashSet<>()).add(mail.getMessageID());
        deliveries++;
      }
      long sentTwice = messageIdsPerCaseAndKind.values().stream().filter(ids -> ids.size() > 1).count();
      int resent = deliveries - messageIdsPerCaseAndKind.size();

      System.out.printf("hard kill in the middle of a load on %s: cases attempted=%d, acknowledged before the kill=%d,"
              + " in flight at the kill=%d (of which committed before it=%d), task completions acknowledged=%d"
              + " (resolutions proposed after restart=%d),"
              + " cases after restart=%d, recovered=%d, lost=%d, duplicated=%d, mails=%d (expected %d),"
              + " mails sent twice=%d, same Message-ID resent after the kill=%d, restart=%d ms,"
              + " time to recover=%d ms, completions repeated after a concurrent update=%d%n",
          database, acknowledged.size() + inFlight.size(), acknowledged.size(), inFlight.size(), recoveredInFlight,
          completions.size(), proposals, instancesPerCase.size(), expectedCases.size() - lost, lost, duplicated,
          messageIdsPerCaseAndKind.size(), expectedMails, sentTwice, resent, restart.toMillis(), recovered.toMillis(),
          load.concurrentUpdates.get());
      assertThat(lost).isZero();
      assertThat(duplicated).isZero();
      assertThat(sentTwice).as("mails sent twice: %s", messageIdsPerCaseAndKind).isZero();
      for (String reference : expectedCases) {
        assertThat(messageIdsPerCaseAndKind.get(reference + " / " + RECEIVED_SUBJECT))
            .as("'case received' mails of %s", reference).hasSize(1);
      }
      assertThat(messageIdsPerCaseAndKind).as("one mail per case and kind").hasSize(expectedMails);
      assertThat(resent).as("resends are only the steps cut by the kill").isLessThanOrEqualTo(JOB_EXECUTOR_THREADS);
    }
  }

  /** What the load threads saw. */
  static final class Queue {
    final ConcurrentLinkedQueue<Submission> acknowledged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Submission> unanswered = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    /** Completions refused once because the case's receipt-mail branch ended in the same moment. */
    final AtomicInteger concurrentUpdates = new AtomicInteger();
  }

  void customerLoop(ChildApplication app, String customer, AtomicBoolean running, Queue load) {
    Http http = app.http();
    for (int n = 0; running.get(); n++) {
      String key = customer + "-" + n;
      String body = "{\"summary\":\"Crash load " + key + "\",\"description\":\"Opened while the node may die.\"}";
      HttpResponse<String> response;
      try {
        response = submit(http, customer, key, body);
      } catch (RuntimeException noAnswer) {
        load.unanswered.add(new Submission(customer, key, body, null, 0));
        return; // the application is gone; this customer retries after the restart
      }
      if (response.statusCode() == 201) {
        load.acknowledged.add(new Submission(customer, key, body, reference(response), 201));
      } else {
        load.unexpected.add(key + ": " + response.statusCode() + " " + response.body());
      }
    }
  }

  /** Works the Tier 1 queue as Tasklist would: claim, then complete (resolved; then communicate the resolution). */
  void agentLoop(ChildApplication app, AtomicBoolean running, Queue load) {
    Http http = app.http();
    String agent = Http.basic(AGENT, TestUsers.PASSWORD);
    try {
      while (running.get()) {
        // finish what was started first (a resolution to communicate), then take new cases
        JsonNode tasks = json.readTree(http.get("/engine-rest/task?candidateGroup=" + Groups.TIER1
            + "&taskDefinitionKey=" + Tier1Variables.TASK_COMMUNICATE_RESOLUTION + "&maxResults=3", agent).body());
        if (tasks.isEmpty()) {
          tasks = json.readTree(http.get("/engine-rest/task?candidateGroup=" + Groups.TIER1
              + "&sortBy=created&sortOrder=asc&maxResults=3", agent).body());
        }
        if (tasks.isEmpty()) {
          Thread.sleep(100);
          continue;
        }
        for (JsonNode task : tasks) {
          String id = task.get("id").asText();
          String definition = task.get("taskDefinitionKey").asText();
          if (http.postJson("/engine-rest/task/" + id + "/claim", agent, "{\"userId\":\"" + AGENT + "\"}")
              .statusCode() != 204) {
            continue;
          }
          HttpResponse<String> completed = http.postJson("/engine-rest/task/" + id + "/complete", agent,
              completion(definition));
          // the receipt mail's branch joins the case's execution when it ends; a completion in that very
          // moment is run again by the application (TaskCompletionRetry); only after three such moves is it
          // refused as a concurrent update (409 by TaskRefusals), nothing of it stored: the agent completes
          // again, as in Tasklist
          for (int again = 0; again < 3 && completed.statusCode() == 409
              && completed.body().contains("completed or changed by someone else"); again++) {
            load.concurrentUpdates.incrementAndGet();
            completed = http.postJson("/engine-rest/task/" + id + "/complete", agent, completion(definition));
          }
          if (completed.statusCode() == 204) {
            load.completions.add(new Completion(id, definition, task.get("processInstanceId").asText()));
          } else {
            load.unexpected.add(definition + " " + id + ": " + completed.statusCode() + " " + completed.body());
          }
        }
      }
    } catch (RuntimeException | IOException applicationGone) {
      // killed: the completion in flight either committed or the task is still open
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String completion(String taskDefinitionKey) {
    ObjectNode body = json.createObjectNode();
    ObjectNode variables = body.putObject("variables");
    if (taskDefinitionKey.equals(Tier1Variables.TASK_ANALYSE_AT_TIER1)) {
      text(variables, Tier1Variables.SYMPTOMS, "Export stops after 60 s");
      text(variables, Tier1Variables.REPRODUCED, "NO");
      text(variables, Tier1Variables.TIER1_FINDINGS, "Known issue, the documented setting fixes it.");
      text(variables, Tier1Variables.TIER1_OUTCOME, "RESOLVED");
      text(variables, Tier1Variables.RESOLUTION_CATEGORY, "KNOWN_ISSUE");
    } else {
      text(variables, Tier1Variables.RESOLUTION_TEXT, "Please set export.timeout to 300 seconds and retry.");
    }
    return body.toString();
  }

  static void text(ObjectNode variables, String name, String value) {
    variables.putObject(name).put("value", value).put("type", "String");
  }

  // ------------------------------------------------------------------ helpers

  HttpResponse<String> submit(Http http, String customer, String key, String body) {
    return http.send(http.request("/api/cases", Http.basic(customer, TestUsers.PASSWORD))
        .header("Content-Type", "application/json").header(IdempotencyKeys.HEADER, key)
        .timeout(Duration.ofSeconds(60))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
  }

  String reference(HttpResponse<String> response) {
    try {
      return json.readTree(response.body()).get("reference").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Customers of one organisation and a Tier 1 agent, created the way an administrator would. */
  void identities(ChildApplication app, List<String> customers) {
    Http http = app.http();
    ok(http.postJson("/engine-rest/group/create", app.admin(),
        "{\"id\":\"" + ORGANISATION + "\",\"name\":\"Crash Test Ltd\",\"type\":\"" + Groups.TYPE_ORGANISATION + "\"}"));
    List<String> users = new ArrayList<>(customers);
    users.add(AGENT);
    for (String user : users) {
      ok(http.postJson("/engine-rest/user/create", app.admin(), "{\"profile\":{\"id\":\"" + user
          + "\",\"firstName\":\"Crash\",\"lastName\":\"Fixture\",\"email\":\"" + user + "@example.com\"},"
          + "\"credentials\":{\"password\":\"" + TestUsers.PASSWORD + "\"}}"));
    }
    for (String customer : customers) {
      ok(put(http, app, "/engine-rest/group/" + Groups.CUSTOMERS + "/members/" + customer));
      ok(put(http, app, "/engine-rest/group/" + ORGANISATION + "/members/" + customer));
    }
    ok(put(http, app, "/engine-rest/group/" + Groups.TIER1 + "/members/" + AGENT));
  }

  static HttpResponse<String> put(Http http, ChildApplication app, String path) {
    return http.send(http.request(path, app.admin()).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
  }

  static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
  }

  Map<String, Integer> instancesPerBusinessKey(Http http, ChildApplication app, String processKey) throws IOException {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    JsonNode instances = json.readTree(http.get("/engine-rest/history/process-instance?processDefinitionKey="
        + processKey + "&maxResults=10000", app.admin()).body());
    for (JsonNode instance : instances) {
      counts.merge(instance.get("businessKey").asText(), 1, Integer::sum);
    }
    return counts;
  }

  int finished(Http http, ChildApplication app, String reference, String activityId) throws IOException {
    String instanceId = caseInstanceId(http, app, reference);
    return json.readTree(http.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId
        + "&activityId=" + activityId + "&finished=true", app.admin()).body()).size();
  }

  boolean atTier1OrResolutionProposed(Http http, ChildApplication app, String reference) throws IOException {
    int tier1Tasks = json.readTree(http.get("/engine-rest/task?candidateGroup=" + Groups.TIER1
        + "&processInstanceBusinessKey=" + reference, app.admin()).body()).size();
    int assigned = json.readTree(http.get("/engine-rest/task?assignee=" + AGENT
        + "&processInstanceBusinessKey=" + reference, app.admin()).body()).size();
    return tier1Tasks + assigned == 1 || finished(http, app, reference, NOTIFY_RESOLUTION) == 1;
  }

  int jobsAt(Http http, ChildApplication app, String activityId) throws IOException {
    return json.readTree(http.get("/engine-rest/job/count?activityId=" + activityId, app.admin()).body())
        .get("count").asInt();
  }

  String caseInstanceId(Http http, ChildApplication app, String reference) throws IOException {
    JsonNode instances = json.readTree(http.get("/engine-rest/history/process-instance?processDefinitionKey="
        + CaseVariables.PROCESS_ID + "&processInstanceBusinessKey=" + reference, app.admin()).body());
    assertThat(instances.size()).as("instances of %s", reference).isEqualTo(1);
    return instances.get(0).get("id").asText();
  }
}
