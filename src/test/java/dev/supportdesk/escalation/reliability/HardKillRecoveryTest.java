package dev.supportdesk.escalation.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.sla.SlaVariables;
import dev.supportdesk.escalation.support.ChildApplication;
import dev.supportdesk.escalation.support.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing an agent or customer was told is saved may be lost: the embedded default (H2 file under
 * ./data, exactly as application.yaml configures it) is killed with SIGKILL right after the REST API
 * acknowledged new cases, restarted, and every acknowledged case must be there, once.
 */
class HardKillRecoveryTest {

  static final int CASES = 20;

  @Test
  void everyAcknowledgedCaseSurvivesKillMinusNineOnTheEmbeddedDefault() throws Exception {
    Path workDir = ChildApplication.tempDirectory("hard-kill");
    ObjectMapper json = new ObjectMapper();
    List<String> acknowledged = new ArrayList<>();

    ChildApplication first = ChildApplication.start(workDir);
    Http http = first.http();
    for (int i = 0; i < CASES; i++) {
      String reference = String.format("CASE-2026-KILL%02d", i);
      HttpResponse<String> response = http.postJson(
          "/engine-rest/process-definition/key/" + CaseVariables.PROCESS_ID + "/start", first.admin(),
          "{\"businessKey\":\"" + reference + "\",\"variables\":{"
              + "\"" + CaseVariables.SUMMARY + "\":{\"value\":\"Hard kill " + i + "\",\"type\":\"String\"},"
              + "\"" + CaseVariables.DESCRIPTION + "\":{\"value\":\"Acknowledged before the crash\",\"type\":\"String\"}}}");
      if (response.statusCode() == 200) {
        acknowledged.add(reference);
      }
    }
    // no graceful shutdown: the last acknowledgement was a moment ago
    first.killHard();

    int found = 0;
    try (ChildApplication second = ChildApplication.start(workDir)) {
      for (String reference : acknowledged) {
        HttpResponse<String> response = second.http().get(
            "/engine-rest/history/process-instance?processDefinitionKey=" + CaseVariables.PROCESS_ID
                + "&processInstanceBusinessKey=" + reference, second.admin());
        int count = json.readTree(response.body()).size();
        assertThat(count).as("instances of acknowledged case %s after restart", reference).isEqualTo(1);
        // the case's SLA clock started in the same transaction: it survived with it
        HttpResponse<String> clock = second.http().get(
            "/engine-rest/history/process-instance?processDefinitionKey=" + SlaVariables.PROCESS_ID
                + "&processInstanceBusinessKey=" + reference, second.admin());
        assertThat(json.readTree(clock.body()).size()).as("SLA clock of case %s after restart", reference).isEqualTo(1);
        found += count;
      }
    }
    System.out.printf("hard kill on H2 file: cases acknowledged=%d, found after restart=%d, lost=%d%n",
        acknowledged.size(), found, acknowledged.size() - found);
    assertThat(acknowledged).hasSize(CASES);
  }
}
