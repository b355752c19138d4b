package dev.supportdesk.escalation.knowledge;

import static dev.supportdesk.escalation.engineering.EngineeringVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.knowledge.ReleaseNotes.EntryKind;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.ProcessJobs;
import dev.supportdesk.escalation.support.Smtp;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scope 3, release notes in the running application (H2, built-in tracker, real SMTP): customers follow the
 * notes of a product or of every product over the customer API; the first fix released in a version posts its
 * note, and each follower of that product gets exactly one mail, however many fixes the version gets; notes
 * not yet posted do not exist for customers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:release-notes-it;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class ReleaseNotesIntegrationTest {

  static final String PRODUCT = "Data Export";
  @RegisterExtension static final Smtp smtp = new Smtp();

  @Autowired ProcessEngine engine;
  @Autowired ReleaseNotes notes;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  @Test
  void eachFollowerGetsOneMailPerPostedNoteOfTheProductsTheyFollow() throws Exception {
    Http http = new Http(port);
    for (String customer : List.of("fran.product", "alex.everything", "oli.other", "nora.none")) {
      CustomerFixtures.organisation(engine.getIdentityService(), "org-" + customer, "Notes " + customer + " Ltd");
      CustomerFixtures.customer(engine.getIdentityService(), customer, "org-" + customer);
    }
    TestUsers.ensure(engine.getIdentityService(), "tess.tier1", Groups.TIER1);
    assertThat(follow(http, "fran.product", "{\"product\": \"" + PRODUCT + "\"}").get("products").get(0).asText())
        .isEqualTo(PRODUCT);
    assertThat(follow(http, "alex.everything", "{}").get("allProducts").asBoolean()).isTrue();
    follow(http, "oli.other", "{\"product\": \"Mobile App\"}");
    JsonNode none = json.readTree(http.get("/api/release-notes/following", auth("nora.none")).body());
    assertThat(none.get("following").asBoolean()).isFalse();

    // a feature planned for the next version is not a posted note: customers do not see it
    long planned = notes.noteFor(PRODUCT, "7.26.0");
    notes.addEntry(planned, EntryKind.FEATURE_REQUEST, "CASE-2026-FEATURE", "Reports can be exported as XLSX.");
    assertThat(http.get("/api/release-notes/RN-" + planned, auth("fran.product")).statusCode()).isEqualTo(404);

    // two fixes ship in 7.25.0: the first posts the note, the second adds its entry without a second mail
    String first = releaseFix("CASE-2026-RN0001", "Export times out for 60-page reports", "7.25.0",
        "Large CSV exports no longer time out.");
    String second = releaseFix("CASE-2026-RN0002", "Export drops the header row", "7.25.0",
        "CSV exports keep their header row.");

    for (String follower : List.of("fran.product", "alex.everything")) {
      List<MimeMessage> mails = mailsTo(follower + "@example.com");
      assertThat(mails).as(follower).hasSize(1);
      assertThat(mails.get(0).getSubject()).contains("New release notes").contains("7.25.0");
      assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Large CSV exports no longer time out.")
          .contains("/api/release-notes/RN-");
    }
    assertThat(mailsTo("oli.other@example.com")).isEmpty();
    assertThat(mailsTo("nora.none@example.com")).isEmpty();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(ReleaseNotePosting.PROCESS_ID).finished().count()).as("one posting").isOne();

    // every customer reads the posted note with both fixes; the product filter and the reference find it
    JsonNode listed = json.readTree(http.get("/api/release-notes?product=" + URLEncoder.encode(PRODUCT,
        StandardCharsets.UTF_8), auth("nora.none")).body());
    assertThat(listed).hasSize(1);
    JsonNode note = listed.get(0);
    assertThat(note.get("version").asText()).isEqualTo("7.25.0");
    assertThat(note.get("releasedOn").isNull()).isFalse();
    assertThat(note.get("entries")).extracting(entry -> entry.get("ticket").asText()).containsExactly(first, second);
    assertThat(json.readTree(http.get("/api/release-notes/" + note.get("reference").asText(), auth("oli.other"))
        .body()).get("entries").get(1).get("text").asText()).isEqualTo("CSV exports keep their header row.");
    assertThat(json.readTree(http.get("/api/release-notes?product=Mobile%20App", auth("oli.other")).body())).isEmpty();

    // bad input is refused in words; only customers read the notes
    for (String bad : List.of("?limit=0", "?limit=x", "?product=%3Cscript%3E", "?product=" + "p".repeat(101))) {
      HttpResponse<String> refused = http.get("/api/release-notes" + bad, auth("nora.none"));
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
    }
    assertThat(http.get("/api/release-notes/RN-abc", auth("nora.none")).statusCode()).isEqualTo(404);
    HttpResponse<String> broken = http.put("/api/release-notes/following", auth("nora.none"), "{\"product\": ");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(notes.followed("nora.none")).isEmpty();
    assertThat(http.get("/api/release-notes", Http.basic("tess.tier1", TestUsers.PASSWORD)).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/release-notes", null).statusCode()).isEqualTo(401);

    // unfollowing stops the mails: the next version's note reaches only the remaining follower
    assertThat(json.readTree(http.delete("/api/release-notes/following", auth("alex.everything")).body())
        .get("following").asBoolean()).isFalse();
    releaseFix("CASE-2026-RN0003", "Export ignores the time zone", "7.25.1", "Exports use the report's time zone.");
    assertThat(mailsTo("alex.everything@example.com")).hasSize(1);
    assertThat(mailsTo("fran.product@example.com")).hasSize(2);
  }

  // ------------------------------------------------------------------ helpers

  JsonNode follow(Http http, String customer, String body) throws Exception {
    HttpResponse<String> response = http.put("/api/release-notes/following", auth(customer), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  static String auth(String customer) {
    return Http.basic(customer, TestUsers.PASSWORD);
  }

  /** An engineering run of the hotfix path up to its release; the ticket's key. */
  String releaseFix(String reference, String summary, String version, String releaseNotes) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(EngineeringContract.PROCESS_ID,
        reference, Map.of(EngineeringContract.ENGINEERING_SUMMARY, summary, CaseVariables.PRODUCT, PRODUCT,
            CaseVariables.PRIORITY, "P1"));
    executeJobs();
    complete(reference, TASK_CONFIRM_DEFECT, Map.of(DEFECT_REPRODUCED, true, DEFECT_CONFIRMED, true,
        CONFIRMATION_NOTES, "Reproduced on 7.24", BUSINESS_IMPACT, "DEGRADED", AFFECTED_USERS, "MANY",
        DATA_LOSS, false, SECURITY_CONCERN, false, WORKAROUND_AVAILABLE, false));
    complete(reference, TASK_TRIAGE_DEFECT, Map.of(SEVERITY, "HIGH", DEVELOPER, "erin.engineer", RELEASE_PATH, "HOTFIX"));
    complete(reference, TASK_DEVELOP_FIX, Map.of(FIX_DESCRIPTION, "Fixed the export query"));
    complete(reference, TASK_TEST_ON_STAGING, Map.of(STAGING_BUILD, version + "-rc1", STAGING_TEST_NOTES, "Export green on staging"));
    complete(reference, TASK_VERIFY_FIX, Map.of(FIX_VERIFIED, true, VERIFICATION_NOTES, "Regression suite green"));
    complete(reference, TASK_RELEASE_FIX, Map.of(RELEASE_VERSION, version, APP_UPDATE_REQUIRED, false,
        RELEASE_NOTES, releaseNotes));
    return (String) engine.getRuntimeService().getVariable(instance.getId(), EngineeringContract.TICKET_KEY);
  }

  void complete(String reference, String taskDefinitionKey, Map<String, Object> variables) {
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(taskDefinitionKey).singleResult().getId(), variables);
    executeJobs();
  }

  void executeJobs() {
    ProcessJobs.executeDueJobs(engine.getManagementService());
    assertThat(engine.getManagementService().createJobQuery().withException().count()).as("failed jobs").isZero();
  }

  List<MimeMessage> mailsTo(String address) {
    return smtp.to(address);
  }
}
