package dev.supportdesk.escalation.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.sla.SlaVariables;
import dev.supportdesk.escalation.support.ChildApplication;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.PostgresDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing an agent or customer was told is saved may be lost: the application is killed with SIGKILL
 * right after the REST API acknowledged new cases, restarted, and every acknowledged case must be there
 * once, with its SLA clock, and continue from its last committed step (the asynchronous "case received"
 * notification runs exactly once and the case reaches the Tier 1 queue). On the embedded default (H2 file
 * under ./data, exactly as application.yaml configures it) and on PostgreSQL.
 */
class HardKillRecoveryTest {

  static final int CASES = 20;
  static final String NOTIFY_RECEIVED = "Task_NotifyCaseReceived";
  final ObjectMapper json = new ObjectMapper();

  @Test
  void everyAcknowledgedCaseSurvivesKillMinusNineOnTheEmbeddedDefault() throws Exception {
    killAndRecover("H2 file", ChildApplication.tempDirectory("hard-kill"), "KILL");
  }

  @Test
  void everyAcknowledgedCaseSurvivesKillMinusNineOnPostgres() throws Exception {
    String url = PostgresDatabase.newDatabase("hardkill");
    killAndRecover("PostgreSQL", ChildApplication.tempDirectory("hard-kill-pg"), "KPGS",
        "--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
  }

  void killAndRecover(String database, Path workDir, String prefix, String... args) throws Exception {
    List<String> acknowledged = new ArrayList<>();
    ChildApplication first = ChildApplication.start(workDir, args);
    Http http = first.http();
    for (int i = 0; i < CASES; i++) {
      String reference = String.format("CASE-2026-%s%02d", prefix, i);
      HttpResponse<String> response = http.postJson(
          "/engine-rest/process-definition/key/" + CaseVariables.PROCESS_ID + "/start", first.admin(),
          "{\"businessKey\":\"" + reference + "\",\"variables\":{"
              + "\"" + CaseVariables.SUMMARY + "\":{\"value\":\"Hard kill " + i + "\",\"type\":\"String\"},"
              + "\"" + CaseVariables.DESCRIPTION + "\":{\"value\":\"Acknowledged before the crash\",\"type\":\"String\"}}}");
      if (response.statusCode() == 200) {
        acknowledged.add(reference);
      }
    }
    // no graceful shutdown: the last acknowledgement was a moment ago, jobs may be mid-flight
    first.killHard();

    int found = 0;
    try (ChildApplication second = ChildApplication.start(workDir, args)) {
      Http after = second.http();
      for (String reference : acknowledged) {
        JsonNode instances = json.readTree(after.get("/engine-rest/history/process-instance?processDefinitionKey="
            + CaseVariables.PROCESS_ID + "&processInstanceBusinessKey=" + reference, second.admin()).body());
        assertThat(instances.size()).as("instances of acknowledged case %s after restart", reference).isEqualTo(1);
        // the case's SLA clock started in the same transaction: it survived with it
        HttpResponse<String> clock = after.get("/engine-rest/history/process-instance?processDefinitionKey="
            + SlaVariables.PROCESS_ID + "&processInstanceBusinessKey=" + reference, second.admin());
        assertThat(json.readTree(clock.body()).size()).as("SLA clock of case %s after restart", reference).isEqualTo(1);
        found++;
      }
      // every case continues from its last committed step: the notification job runs once, Tier 1 gets the case
      for (String reference : acknowledged) {
        await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> assertThat(json.readTree(after.get(
            "/engine-rest/task?candidateGroup=" + Groups.TIER1 + "&processInstanceBusinessKey=" + reference,
            second.admin()).body()).size()).as("Tier 1 task of %s", reference).isEqualTo(1));
        String instanceId = json.readTree(after.get("/engine-rest/history/process-instance?processDefinitionKey="
            + CaseVariables.PROCESS_ID + "&processInstanceBusinessKey=" + reference, second.admin()).body())
            .get(0).get("id").asText();
        assertThat(json.readTree(after.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId
            + "&activityId=" + NOTIFY_RECEIVED + "&finished=true", second.admin()).body()).size())
            .as("'case received' notifications of %s", reference).isEqualTo(1);
      }
    }
    System.out.printf("hard kill on %s: cases acknowledged=%d, found after restart=%d, continued=%d, lost=%d%n",
        database, acknowledged.size(), found, found, acknowledged.size() - found);
    assertThat(acknowledged).hasSize(CASES);
  }
}
