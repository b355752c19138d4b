package dev.supportdesk.escalation.problem;

import static dev.supportdesk.escalation.engineering.EngineeringVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.escalation.audit.CaseRecord;
import dev.supportdesk.escalation.audit.CaseRecordService;
import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.notification.Notification;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.ProcessJobs;
import dev.supportdesk.escalation.support.Smtp;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.Tier1Answers;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scope 3, one problem for many cases in the running application (H2, built-in tracker, real SMTP): one case
 * escalates to engineering; five more cases with the same defect are linked to its ticket at Tier 1 by an agent
 * over /engine-rest, as Tasklist does. Each linked customer hears every ticket status and the release, with one
 * engineering run and one tracker ticket for all of them; an unlinked case hears nothing more. Jobs run when
 * the test says, so every asynchronous step is visible.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:problem-links-it;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class ProblemLinksIntegrationTest {

  static final String AGENT = "tia.tier1";
  static final String ENGINEER = "eli.engineer";
  @RegisterExtension static final Smtp smtp = new Smtp();

  @Autowired ProcessEngine engine;
  @Autowired NotificationOutbox outbox;
  @Autowired CaseStatusTracker caseStatus;
  @Autowired ProblemTickets tickets;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseRecordService caseRecords;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  @Test
  void fiveCasesLinkedToOneTicketHearEveryStatusAndTheReleaseFromOneEngineeringRun() throws Exception {
    Http http = new Http(port);
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER1);
    TestUsers.ensure(engine.getIdentityService(), ENGINEER, Groups.ENGINEERING);

    // the lead case goes the whole way to engineering, which confirms the defect and opens the ticket
    String lead = openCase(http, "lead", "CSV export of large reports times out after 60 seconds");
    work(lead, Tier1Variables.TASK_ANALYSE_AT_TIER1, tier1("ESCALATE_TO_TIER2"));
    work(lead, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, Map.of(
        Tier2Variables.REANALYSIS, "Re-ran the export with server-side tracing",
        Tier2Variables.REPLICATED_IN_TEST_ENVIRONMENT, "YES",
        Tier2Contract.TIER2_FINDINGS, "The export fails in the report_pages query after 60 s.",
        Tier2Variables.NEXT_ACTION, "ESCALATE_TO_ENGINEERING",
        Tier2Contract.ESCALATION_REASON, "SOFTWARE_DEFECT",
        Tier2Contract.STEPS_TAKEN, "Query plan analysed with the DBAs."));
    work(lead, TASK_CONFIRM_DEFECT, Map.of(DEFECT_REPRODUCED, true, DEFECT_CONFIRMED, true,
        CONFIRMATION_NOTES, "Reproduced with a 60-page report", BUSINESS_IMPACT, "MINOR", AFFECTED_USERS, "FEW",
        DATA_LOSS, false, SECURITY_CONCERN, false, WORKAROUND_AVAILABLE, false));
    String ticketKey = (String) engine.getRuntimeService().createVariableInstanceQuery()
        .variableName(EngineeringContract.TICKET_KEY).singleResult().getValue();

    // five more customers report the same defect; Tier 1 sees the open ticket and links each case to it
    List<String> linked = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String reference = openCase(http, "linked" + i, "Large report CSV export times out");
      Task analyse = awaitTask(reference, Tier1Variables.TASK_ANALYSE_AT_TIER1);
      assertThat(formVariable(http, analyse, ProblemVariables.TICKET_SUGGESTIONS))
          .startsWith(ticketKey + " · Specifying · ");
      if (i == 1) {
        HttpResponse<String> unknown = submit(http, analyse, AGENT, tier1Link("ENG-999999"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("no engineering ticket ENG-999999 is known");
        assertThat(tickets.activeLink(reference)).isEmpty();
      }
      claim(http, analyse, AGENT);
      HttpResponse<String> answer = submit(http, analyse, AGENT, tier1Link(ticketKey.toLowerCase()));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
      linked.add(reference);
    }
    executeJobs();
    for (String reference : linked) {
      assertThat(awaitTask(reference, ProblemVariables.TASK_FOLLOW_LINKED_TICKET)).isNotNull();
      assertThat(tickets.activeLink(reference)).hasValueSatisfying(link -> {
        assertThat(link.ticketKey()).isEqualTo(ticketKey);
        assertThat(link.linkedBy()).isEqualTo(AGENT);
      });
    }

    // the fifth turns out to be another defect: an engineer may not unlink it, its Tier 1 agent may
    String unlinked = linked.remove(4);
    Task follow = awaitTask(unlinked, ProblemVariables.TASK_FOLLOW_LINKED_TICKET);
    HttpResponse<String> notAllowed = submit(http, follow, ENGINEER,
        Map.of(ProblemVariables.UNLINK_REASON, "Not mine to decide"));
    assertThat(notAllowed.statusCode()).as(notAllowed.body()).isEqualTo(403);
    HttpResponse<String> noReason = submit(http, follow, AGENT, Map.of(ProblemVariables.UNLINK_REASON, " "));
    assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
    HttpResponse<String> unlink = submit(http, follow, AGENT,
        Map.of(ProblemVariables.UNLINK_REASON, "Another defect: the export fails before any timeout"));
    assertThat(unlink.statusCode()).as(unlink.body()).isEqualTo(204);
    assertThat(awaitTask(unlinked, Tier1Variables.TASK_ANALYSE_AT_TIER1)).isNotNull();
    assertThat(tickets.history(unlinked)).singleElement().satisfies(link -> {
      assertThat(link.unlinkedBy()).isEqualTo(AGENT);
      assertThat(link.unlinkReason()).isEqualTo("Another defect: the export fails before any timeout");
    });
    // auditors read both in the case's record (Cockpit's case audit, its export)
    assertThat(caseRecords.record(unlinked).orElseThrow().timeline())
        .filteredOn(entry -> entry.kind().equals("PROBLEM_LINK"))
        .extracting(CaseRecord.TimelineEntry::title, CaseRecord.TimelineEntry::who)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Linked to engineering ticket " + ticketKey, AGENT),
            org.assertj.core.groups.Tuple.tuple("Unlinked from engineering ticket " + ticketKey, AGENT));

    // the lead case's engineering run plans the fix for a release, builds, ships and monitors it
    work(lead, TASK_TRIAGE_DEFECT, Map.of(SEVERITY, "LOW", DEVELOPER, ENGINEER, RELEASE_PATH, "SCHEDULED_RELEASE"));
    for (String reference : linked) {
      assertThat(awaitTask(reference, Tier1Variables.TASK_COMMUNICATE_RESOLUTION))
          .as("solved with the lead case once the fix is planned").isNotNull();
    }
    work(lead, TASK_SCHEDULE_FIX, Map.of(TARGET_RELEASE, "7.25.0", PLANNED_QUARTER, "2027-Q1"));
    work(lead, TASK_DEVELOP_FIX, Map.of(FIX_DESCRIPTION, "Added an index on report_id"));
    work(lead, TASK_TEST_ON_STAGING, Map.of(STAGING_BUILD, "7.25.0-rc1", STAGING_TEST_NOTES, "Export in 4 s"));
    work(lead, TASK_VERIFY_FIX, Map.of(FIX_VERIFIED, true, VERIFICATION_NOTES, "Regression suite green"));
    work(lead, TASK_RELEASE_FIX, Map.of(RELEASE_VERSION, "7.25.0", APP_UPDATE_REQUIRED, false,
        RELEASE_NOTES, "Large CSV exports no longer time out."));
    work(lead, TASK_MONITOR_RELEASE, Map.of(REGRESSION_FOUND, false, MONITORING_NOTES, "Two weeks without errors"));

    // one engineering run, one tracker ticket, for all of them
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(EngineeringContract.PROCESS_ID).count()).isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM engineering_ticket", Integer.class)).isOne();
    assertThat(tickets.find(ticketKey)).hasValueSatisfying(ticket -> {
      assertThat(ticket.status()).isEqualTo("DONE");
      assertThat(ticket.settledAs()).isEqualTo("SOLVED_PLANNED_FOR_RELEASE");
      assertThat(ticket.isOpen()).isFalse();
    });

    NotificationKind[] heard = {NotificationKind.LINKED_TO_KNOWN_ISSUE, NotificationKind.ENGINEERING_SPECIFYING,
        NotificationKind.ENGINEERING_READY, NotificationKind.SOLVED_PLANNED_FOR_RELEASE,
        NotificationKind.ENGINEERING_IN_PROGRESS, NotificationKind.FIX_RELEASED, NotificationKind.ENGINEERING_DONE};
    for (String reference : linked) {
      List<Notification> mails = outbox.forCase(reference);
      assertThat(mails).extracting(Notification::kind).as(reference)
          .containsExactlyInAnyOrder(concat(NotificationKind.CASE_RECEIVED, heard));
      assertThat(mails).allSatisfy(mail -> assertThat(mail.status()).isEqualTo(Notification.SENT));
      String customer = customerOf(reference);
      assertThat(mailsTo(customer)).hasSize(heard.length + 1);
      assertThat(text(mails, NotificationKind.FIX_RELEASED)).contains("7.25.0").contains("Large CSV exports no longer time out.");
      assertThat(caseStatus.history(reference)).extracting(CaseStatusTracker.Entry::status).containsExactly(
          CaseStatus.RECEIVED, CaseStatus.IN_ANALYSIS, CaseStatus.ENGINEERING_SPECIFYING, CaseStatus.ENGINEERING_READY,
          CaseStatus.SOLVED_PLANNED_FOR_RELEASE);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
          .processDefinitionKey(ProblemVariables.NOTICE_PROCESS_ID).finished().count())
          .as("one notice process per status and the release").isEqualTo(5);
    }
    assertThat(outbox.forCase(unlinked)).extracting(Notification::kind).as("nothing after the unlink")
        .containsExactlyInAnyOrder(NotificationKind.CASE_RECEIVED, NotificationKind.LINKED_TO_KNOWN_ISSUE,
            NotificationKind.ENGINEERING_SPECIFYING);
    assertThat(outbox.forCase(lead)).extracting(Notification::kind).containsOnlyOnce(NotificationKind.FIX_RELEASED,
        NotificationKind.ENGINEERING_READY);
    // a released ticket is no longer offered: the unlinked case's form no longer lists it, linking it is refused
    Task again = awaitTask(unlinked, Tier1Variables.TASK_ANALYSE_AT_TIER1);
    claim(http, again, AGENT);
    HttpResponse<String> closedTicket = submit(http, again, AGENT, tier1Link(ticketKey));
    assertThat(closedTicket.statusCode()).isEqualTo(400);
    assertThat(closedTicket.body()).contains(ticketKey + " was released and is closed");
  }

  // ------------------------------------------------------------------ helpers

  String openCase(Http http, String customer, String summary) throws Exception {
    CustomerFixtures.organisation(engine.getIdentityService(), "org-" + customer, "Problem " + customer + " Ltd");
    CustomerFixtures.customer(engine.getIdentityService(), customer, "org-" + customer);
    HttpResponse<String> response = http.postJson("/api/cases", Http.basic(customer, TestUsers.PASSWORD),
        json.writeValueAsString(Map.of("summary", summary, "description", "The nightly CSV export of the monthly"
            + " report stops with 'Gateway timeout'.", "product", "Data Export")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String reference = json.readTree(response.body()).get("reference").asText();
    executeJobs();
    return reference;
  }

  String customerOf(String reference) {
    return (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(reference).processDefinitionKey(CaseVariables.PROCESS_ID).singleResult().getId())
        .variableName(CaseVariables.CUSTOMER_EMAIL).singleResult().getValue();
  }

  List<MimeMessage> mailsTo(String address) {
    return smtp.to(address);
  }

  static String text(List<Notification> mails, NotificationKind kind) {
    return mails.stream().filter(mail -> mail.kind() == kind).findFirst().orElseThrow().body();
  }

  static NotificationKind[] concat(NotificationKind first, NotificationKind[] rest) {
    NotificationKind[] all = new NotificationKind[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** Completes the case's open task of that kind without a login (as a job would), then runs what follows. */
  void work(String reference, String taskDefinitionKey, Map<String, Object> variables) {
    engine.getTaskService().complete(awaitTask(reference, taskDefinitionKey).getId(), variables);
    executeJobs();
  }

  Task awaitTask(String reference, String taskDefinitionKey) {
    executeJobs();
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(taskDefinitionKey).singleResult();
  }

  void executeJobs() {
    ProcessJobs.executeDueJobs(engine.getManagementService());
    assertThat(engine.getManagementService().createJobQuery().withException().count()).as("failed jobs").isZero();
  }

  String formVariable(Http http, Task task, String name) throws Exception {
    JsonNode variables = json.readTree(http.get("/engine-rest/task/" + task.getId() + "/form-variables",
        Http.basic(AGENT, TestUsers.PASSWORD)).body());
    JsonNode value = variables.path(name).path("value");
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  void claim(Http http, Task task, String user) {
    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/claim", Http.basic(user, TestUsers.PASSWORD),
        "{\"userId\":\"" + user + "\"}").statusCode()).isEqualTo(204);
  }

  HttpResponse<String> submit(Http http, Task task, String user, Map<String, Object> variables) {
    ObjectNode body = json.createObjectNode();
    ObjectNode values = body.putObject("variables");
    variables.forEach((name, value) -> values.putObject(name).putPOJO("value", value));
    HttpResponse<String> response = http.postJson("/engine-rest/task/" + task.getId() + "/submit-form",
        Http.basic(user, TestUsers.PASSWORD), body.toString());
    executeJobs();
    return response;
  }

  static Map<String, Object> tier1(String outcome) {
    return Tier1Answers.analysis(outcome);
  }

  static Map<String, Object> tier1Link(String ticketKey) {
    Map<String, Object> v = tier1("LINK_TO_TICKET");
    v.put(ProblemVariables.LINKED_TICKET, ticketKey);
    return v;
  }
}
