package dev.supportdesk.escalation.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.engineering.EngineeringVariables;
import dev.supportdesk.escalation.notification.Notification;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.FreePort;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import dev.supportdesk.escalation.tracker.BuiltInTracker;
import dev.supportdesk.escalation.tracker.EngineeringTracker.Ticket;
import dev.supportdesk.escalation.tracker.TicketStatus;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scope 3, the whole escalation flow in the running application: one case from receipt to closure, worked
 * only through the doors real people use. The customer uses {@code /api}, every agent {@code /engine-rest}
 * with their own login; the job executor runs as in production and the test waits for it. The Java engine
 * API is used for creating users and for read-only assertions only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:support-case-e2e;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class SupportCaseEndToEndIntegrationTest {

  /** A real SMTP server the application talks to: the customer's mails must arrive, in order, once. */
  static final int SMTP_PORT = FreePort.next();
  static com.icegreen.greenmail.util.GreenMail smtp;

  @org.springframework.test.context.DynamicPropertySource
  static void smtpServer(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @org.junit.jupiter.api.BeforeAll
  static void startSmtp() {
    smtp = new com.icegreen.greenmail.util.GreenMail(
        new com.icegreen.greenmail.util.ServerSetup(SMTP_PORT, "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @org.junit.jupiter.api.AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  /** Subjects of the mails the SMTP server received for this case, in the order they arrived. */
  static List<String> mailSubjectsFor(String reference, String recipient) {
    List<String> subjects = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage mail : smtp.getReceivedMessages()) {
      try {
        if (mail.getSubject().contains(reference) && !isStaffMail(mail)) {
          assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(recipient);
          subjects.add(mail.getSubject());
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return subjects;
  }

  /** Mails to staff (the case owner) of the case, by recipient. */
  static List<String> staffMailsFor(String reference) {
    List<String> recipients = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage mail : smtp.getReceivedMessages()) {
      try {
        if (mail.getSubject().contains(reference) && isStaffMail(mail)) {
          assertThat(mail.getSubject()).contains("Engineering is done");
          java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString).forEach(recipients::add);
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return recipients;
  }

  static boolean isStaffMail(jakarta.mail.internet.MimeMessage mail) throws jakarta.mail.MessagingException {
    return mail.getMessageID() != null && mail.getMessageID().startsWith("<staff-");
  }

  static final Duration PATIENCE = Duration.ofSeconds(60);

  // the customer's personal data: in the case, never in engineering
  static final String CUSTOMER = "m.quellmalz";
  static final String CUSTOMER_FIRST_NAME = "Margarete";
  static final String CUSTOMER_LAST_NAME = "Quellmalz";
  static final String CUSTOMER_EMAIL = "margarete.quellmalz@kundenwerk.example";
  static final String ORGANISATION = "org-kundenwerk";
  static final String ORGANISATION_NAME = "Kundenwerk Systemhaus GmbH";

  static final Agent TIER1 = new Agent("tom.tier1", Groups.TIER1);
  static final Agent TIER2 = new Agent("tina.tier2", Groups.TIER2);
  static final Agent NETOPS = new Agent("nora.netops", Groups.NETWORK_OPERATIONS);
  static final Agent DBA = new Agent("dan.dba", Groups.DATABASE_ADMINISTRATORS);
  static final Agent ENGINEER = new Agent("erik.engineer", Groups.ENGINEERING);
  static final Agent DEVELOPER = new Agent("devon.developer", Groups.ENGINEERING);
  static final Agent LEAD = new Agent("lena.lead", Groups.ENGINEERING_LEADS);
  static final Agent QA = new Agent("quinn.qa", Groups.QA);

  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired HistoryService history;
  @Autowired NotificationOutbox outbox;
  @Autowired BuiltInTracker tracker;
  @LocalServerPort int port;

  final ObjectMapper json = new ObjectMapper();
  Http http;

  record Agent(String id, String group) {
    String auth() {
      return Http.basic(id, TestUsers.PASSWORD);
    }
  }

  @BeforeEach
  void usersOfEveryTier() {
    http = new Http(port);
    if (identity.createGroupQuery().groupId(ORGANISATION).count() == 0) {
      Group organisation = identity.newGroup(ORGANISATION);
      organisation.setName(ORGANISATION_NAME);
      organisation.setType(Groups.TYPE_ORGANISATION);
      identity.saveGroup(organisation);
    }
    if (identity.createUserQuery().userId(CUSTOMER).count() == 0) {
      User customer = identity.newUser(CUSTOMER);
      customer.setFirstName(CUSTOMER_FIRST_NAME);
      customer.setLastName(CUSTOMER_LAST_NAME);
      customer.setEmail(CUSTOMER_EMAIL);
      customer.setPassword(TestUsers.PASSWORD);
      identity.saveUser(customer);
    }
    TestUsers.ensure(identity, CUSTOMER, Groups.CUSTOMERS, ORGANISATION);
    for (Agent agent : List.of(TIER1, TIER2, NETOPS, DBA, ENGINEER, DEVELOPER, LEAD, QA)) {
      TestUsers.ensure(identity, agent.id(), agent.group());
    }
  }

  @Test
  void hotfixCaseTravelsFromReceiptThroughEveryTierToClosure() throws Exception {
    // given a customer opens a case whose description names them, their address and their organisation
    String reference = openCase("Nightly export of large reports times out",
        "Reported by " + CUSTOMER_FIRST_NAME + " " + CUSTOMER_LAST_NAME + " (" + CUSTOMER_EMAIL + ") for "
            + ORGANISATION_NAME + ": since the upgrade to 4.2 every nightly export over 50 pages stops after"
            + " 60 seconds with a timeout. Please call me back, " + CUSTOMER_FIRST_NAME + ".");
    assertThat(customerStatus(reference)).isIn("RECEIVED", "IN_ANALYSIS");

    // Tier 1 analyses and escalates to Tier 2
    work(TIER1, Tier1Variables.TASK_ANALYSE_AT_TIER1, vars(
        Tier1Variables.SYMPTOMS, "Export job stops after 60 s for reports over 50 pages",
        Tier1Variables.CONFIGURATION_VERIFIED, true,
        Tier1Variables.LOGS_ANALYSED, true,
        Tier1Variables.KNOWN_ISSUES_CHECKED, true,
        Tier1Variables.REPRODUCED, "YES",
        Tier1Variables.TIER1_FINDINGS, "Reproduced on 4.2.1 with a 60-page report; no known issue matches.",
        Tier1Variables.TIER1_OUTCOME, "ESCALATE_TO_TIER2"), reference, TIER2, ENGINEER, customerAgent());
    assertThat(customerStatus(reference)).isEqualTo("IN_ANALYSIS");

    // Tier 2 asks the customer for information; the customer answers through the API
    work(TIER2, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2(reference, "REQUEST_INFORMATION",
        Tier2Variables.INFORMATION_REQUEST, "Which database server and version does the export read from?"),
        reference, TIER1, QA);
    awaitCustomerStatus(reference, "WAITING_FOR_CUSTOMER");
    HttpResponse<String> answer = http.postJson("/api/cases/" + reference + "/messages", customerAuth(),
        "{\"text\": \"PostgreSQL 15.4 on a separate host, behind our corporate proxy.\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    assertThat(json.readTree(answer.body()).get("answeredOpenQuestion").asBoolean()).isTrue();
    awaitCustomerStatus(reference, "IN_ANALYSIS");

    // Tier 2 involves network operations and the database administrators
    work(TIER2, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2(reference, "INVOLVE_TEAMS",
        Tier2Variables.INVOLVE_NETWORK_OPERATIONS, true, Tier2Variables.INVOLVE_DATABASE_ADMINISTRATORS, true),
        reference, TIER1);
    work(NETOPS, Tier2Variables.TASK_ANALYSE_NETWORK, vars(
        Tier2Variables.NETWORK_ANALYSIS_RESULT, "Proxy idle timeout is 120 s; no drops on the export path."),
        reference, DBA, TIER2);
    work(DBA, Tier2Variables.TASK_ANALYSE_DATABASE, vars(
        Tier2Variables.DATABASE_ANALYSIS_RESULT, "The export query does a sequential scan on report_pages."),
        reference, NETOPS, TIER2);

    // Tier 2 offers a workaround, then escalates to engineering
    work(TIER2, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2(reference, "OFFER_WORKAROUND",
        Tier2Contract.WORKAROUND, "Export in batches of 40 pages until a fix is released."), reference, TIER1);
    awaitCustomerStatus(reference, "WORKAROUND_AVAILABLE");
    work(TIER2, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2(reference, "ESCALATE_TO_ENGINEERING",
        Tier2Contract.ESCALATION_REASON, "SOFTWARE_DEFECT",
        Tier2Contract.STEPS_TAKEN, "Replicated with the customer's report template; query plan analysed with the DBAs.",
        Tier2Contract.ROOT_CAUSE, "Missing index on report_pages.report_id"), reference, TIER1, ENGINEER);

    // engineering confirms the defect; the lead triages it as a hotfix for the developer
    work(ENGINEER, EngineeringVariables.TASK_CONFIRM_DEFECT, vars(
        EngineeringVariables.DEFECT_REPRODUCED, true,
        EngineeringVariables.DEFECT_CONFIRMED, true,
        EngineeringVariables.CONFIRMATION_NOTES, "Reproduced on a copy of 4.2.1 with 60 pages",
        EngineeringVariables.BUSINESS_IMPACT, "DEGRADED",
        EngineeringVariables.AFFECTED_USERS, "MANY",
        EngineeringVariables.DATA_LOSS, false,
        EngineeringVariables.SECURITY_CONCERN, false,
        EngineeringVariables.WORKAROUND_AVAILABLE, true), reference, TIER2, QA);
    awaitCustomerStatus(reference, "ENGINEERING_SPECIFYING");
    assertThat(confirmation(reference, true).statusCode())
        .as("no resolution was proposed yet: the customer cannot confirm one").isEqualTo(409);
    JsonNode triage = awaitQueued(LEAD, reference, EngineeringVariables.TASK_TRIAGE_DEFECT);
    work(LEAD, EngineeringVariables.TASK_TRIAGE_DEFECT, vars(
        EngineeringVariables.SEVERITY, recommendedSeverity(LEAD, triage),
        EngineeringVariables.DEVELOPER, DEVELOPER.id(),
        EngineeringVariables.RELEASE_PATH, "HOTFIX"), reference, ENGINEER, TIER2);

    // the developer fixes and tests on staging; QA fails the first attempt and passes the second
    developAndTest(reference, "4.2.2-rc1");
    work(QA, EngineeringVariables.TASK_VERIFY_FIX, vars(
        EngineeringVariables.FIX_VERIFIED, false,
        EngineeringVariables.VERIFICATION_NOTES, "Exports of 200 pages still time out"), reference, ENGINEER);
    developAndTest(reference, "4.2.2-rc2");
    work(QA, EngineeringVariables.TASK_VERIFY_FIX, vars(
        EngineeringVariables.FIX_VERIFIED, true,
        EngineeringVariables.VERIFICATION_NOTES, "200-page export in 9 s; regression suite green"), reference,
        DEVELOPER);
    work(ENGINEER, EngineeringVariables.TASK_RELEASE_FIX, vars(
        EngineeringVariables.RELEASE_VERSION, "4.2.2",
        EngineeringVariables.APP_UPDATE_REQUIRED, false,
        EngineeringVariables.RELEASE_NOTES, "Large report exports no longer time out."), reference, QA, TIER1);
    work(ENGINEER, EngineeringVariables.TASK_MONITOR_RELEASE, vars(
        EngineeringVariables.REGRESSION_FOUND, false,
        EngineeringVariables.MONITORING_NOTES, "One week in production without export errors"), reference, QA);

    // back at Tier 1: resolution, the customer's confirmation, the knowledge base, closure
    work(TIER1, Tier1Variables.TASK_COMMUNICATE_RESOLUTION, vars(
        Tier1Variables.RESOLUTION_TEXT, "Version 4.2.2 fixes the export timeout; please update and retry."),
        reference, TIER2, ENGINEER);
    awaitCustomerStatus(reference, "RESOLVED");
    HttpResponse<String> confirmed = confirmation(reference, true);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    work(TIER1, Tier1Variables.TASK_UPDATE_KNOWLEDGE_BASE, vars(
        Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, "Export of large reports times out on 4.2.0-4.2.1",
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, "Fixed in 4.2.2. Until the update, export in batches of 40 pages."),
        reference, TIER2);

    // then the case is closed, and the customer saw every step, in order, once
    awaitCustomerStatus(reference, "CLOSED");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(instances(reference))
        .allSatisfy(instance -> assertThat(instance.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED)));
    JsonNode closedCase = customerCase(reference);
    assertThat(closedCase.get("open").asBoolean()).isFalse();
    assertThat(statusTimeline(closedCase)).containsExactly(
        "RECEIVED", "IN_ANALYSIS", "WAITING_FOR_CUSTOMER", "IN_ANALYSIS", "WORKAROUND_AVAILABLE",
        "ENGINEERING_SPECIFYING", "ENGINEERING_READY", "ENGINEERING_IN_PROGRESS", "ENGINEERING_DONE",
        "RESOLVED", "CLOSED");
    assertNotifications(reference,
        NotificationKind.CASE_RECEIVED, NotificationKind.INFORMATION_REQUESTED, NotificationKind.WORKAROUND_AVAILABLE,
        NotificationKind.ESCALATED_TO_ENGINEERING, NotificationKind.ENGINEERING_SPECIFYING, NotificationKind.ENGINEERING_READY,
        NotificationKind.ENGINEERING_IN_PROGRESS, NotificationKind.ENGINEERING_DONE,
        NotificationKind.RESOLUTION_PROPOSED, NotificationKind.CASE_CLOSED);

    // one business key across the case and every process it called
    HistoricProcessInstance caseInstance = caseInstance(reference);
    List<HistoricProcessInstance> called = history.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(caseInstance.getId()).list();
    assertThat(called).extracting(HistoricProcessInstance::getProcessDefinitionKey)
        .containsExactlyInAnyOrder(Tier2Contract.PROCESS_ID, EngineeringContract.PROCESS_ID);
    assertThat(called).extracting(HistoricProcessInstance::getBusinessKey).containsOnly(reference);
    HistoricProcessInstance engineering = called.stream()
        .filter(instance -> instance.getProcessDefinitionKey().equals(EngineeringContract.PROCESS_ID))
        .findFirst().orElseThrow();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(engineering.getId()).finished().list())
        .extracting(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId)
        .contains(EngineeringVariables.END_EVENT_HOTFIX_RELEASED, dev.supportdesk.escalation.queue.OwnerVariables.TASK_TELL_OWNER);

    // the ticket went through its statuses and, like engineering's variables, carries no personal data
    Ticket ticket = ticketOf(reference);
    assertThat(tracker.statusHistory(ticket.key())).extracting(BuiltInTracker.StatusChange::status).containsExactly(
        TicketStatus.SPECIFYING, TicketStatus.READY, TicketStatus.IN_PROGRESS, TicketStatus.DONE);
    assertThat(ticket.status()).isEqualTo(TicketStatus.DONE);
    assertThat(ticket.description()).contains("60 seconds", "Missing index");
    assertNoPersonalData(ticket.summary() + "\n" + ticket.description() + "\n" + tracker.comments(ticket.key()));
    List<HistoricVariableInstance> engineeringVariables = history.createHistoricVariableInstanceQuery()
        .processInstanceId(engineering.getId()).list();
    assertThat(engineeringVariables).extracting(HistoricVariableInstance::getName)
        .contains(EngineeringContract.ENGINEERING_DESCRIPTION, EngineeringVariables.DEVELOPER);
    for (HistoricVariableInstance variable : engineeringVariables) {
      assertNoPersonalData(variable.getName() + "=" + variable.getValue());
    }
    // while the case itself still knows who reported it
    assertThat(closedCase.get("description").asText()).contains(CUSTOMER_EMAIL, ORGANISATION_NAME);
    // every message of the outbox reached the customer over real SMTP, in order, exactly once
    List<String> expectedSubjects = outbox.forCase(reference).stream().map(Notification::subject).toList();
    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(mailSubjectsFor(reference, CUSTOMER_EMAIL)).containsExactlyElementsOf(expectedSubjects));
    // and the case owner, Tom, heard from engineering once
    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(staffMailsFor(reference)).containsExactly(TIER1.id() + "@example.com"));
    assertThat(outbox.forCase(reference)).extracting(Notification::status).containsOnly(Notification.SENT);
  }

  @Test
  void scheduledReleaseSolvesTheCaseNowAndTellsTheCustomerWhenTheFixShips() throws Exception {
    // given a case escalated through Tier 1 and Tier 2 to engineering
    String reference = openCase("Dashboard totals are rounded twice",
        "The revenue widget shows 1,000.01 as 1,000.00 since 4.2; the CSV export has the right value.");
    work(TIER1, Tier1Variables.TASK_ANALYSE_AT_TIER1, vars(
        Tier1Variables.SYMPTOMS, "Totals in the revenue widget lose the last cent",
        Tier1Variables.CONFIGURATION_VERIFIED, true,
        Tier1Variables.LOGS_ANALYSED, true,
        Tier1Variables.KNOWN_ISSUES_CHECKED, true,
        Tier1Variables.REPRODUCED, "YES",
        Tier1Variables.TIER1_FINDINGS, "Reproduced with the demo data set on 4.2.1.",
        Tier1Variables.TIER1_OUTCOME, "ESCALATE_TO_TIER2"), reference, TIER2);
    work(TIER2, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2(reference, "ESCALATE_TO_ENGINEERING",
        Tier2Contract.ESCALATION_REASON, "SOFTWARE_DEFECT",
        Tier2Contract.STEPS_TAKEN, "Compared widget and CSV rounding with the same data set."), reference, TIER1);
    work(ENGINEER, EngineeringVariables.TASK_CONFIRM_DEFECT, vars(
        EngineeringVariables.DEFECT_REPRODUCED, true,
        EngineeringVariables.DEFECT_CONFIRMED, true,
        EngineeringVariables.CONFIRMATION_NOTES, "Widget rounds in the view and again in the formatter",
        EngineeringVariables.BUSINESS_IMPACT, "MINOR",
        EngineeringVariables.AFFECTED_USERS, "FEW",
        EngineeringVariables.DATA_LOSS, false,
        EngineeringVariables.SECURITY_CONCERN, false,
        EngineeringVariables.WORKAROUND_AVAILABLE, true), reference, TIER2);

    // when the lead plans the fix for a scheduled release
    JsonNode triage = awaitQueued(LEAD, reference, EngineeringVariables.TASK_TRIAGE_DEFECT);
    work(LEAD, EngineeringVariables.TASK_TRIAGE_DEFECT, vars(
        EngineeringVariables.SEVERITY, recommendedSeverity(LEAD, triage),
        EngineeringVariables.DEVELOPER, DEVELOPER.id(),
        EngineeringVariables.RELEASE_PATH, "SCHEDULED_RELEASE",
        EngineeringVariables.TARGET_RELEASE, "4.3.0"), reference, ENGINEER);

    // then the customer hears the case is solved and it is closed while engineering goes on
    awaitCustomerStatus(reference, "SOLVED_PLANNED_FOR_RELEASE");
    work(TIER1, Tier1Variables.TASK_COMMUNICATE_RESOLUTION, vars(
        Tier1Variables.RESOLUTION_TEXT, "The fix is planned for 4.3.0; until then use the CSV export for totals."),
        reference, TIER2);
    awaitCustomerStatus(reference, "RESOLVED");
    HttpResponse<String> confirmed = confirmation(reference, true);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    work(TIER1, Tier1Variables.TASK_UPDATE_KNOWLEDGE_BASE, vars(
        Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, "Revenue widget rounds totals twice",
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, "Fixed in 4.3.0. Use the CSV export for exact totals until then."),
        reference, TIER2);
    awaitCustomerStatus(reference, "CLOSED");
    assertNotifications(reference,
        NotificationKind.CASE_RECEIVED, NotificationKind.ESCALATED_TO_ENGINEERING,
        NotificationKind.ENGINEERING_SPECIFYING, NotificationKind.ENGINEERING_READY,
        NotificationKind.SOLVED_PLANNED_FOR_RELEASE, NotificationKind.RESOLUTION_PROPOSED,
        NotificationKind.CASE_CLOSED);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(EngineeringContract.PROCESS_ID).unfinished().count())
        .as("engineering goes on after the case is closed").isEqualTo(1);
    assertThat(customerCase(reference).get("open").asBoolean()).as("closed for the customer").isFalse();
    assertThat(http.postJson("/api/cases/" + reference + "/messages", customerAuth(),
        "{\"text\": \"Any news on the release date?\"}").statusCode())
        .as("a closed case takes no more messages").isEqualTo(409);

    // and when the release ships, the customer is told the fix was released
    work(ENGINEER, EngineeringVariables.TASK_SCHEDULE_FIX, vars(
        EngineeringVariables.TARGET_RELEASE, "4.3.0",
        EngineeringVariables.PLANNED_QUARTER, "2027-Q1"), reference, TIER1);
    developAndTest(reference, "4.3.0-rc1");
    work(QA, EngineeringVariables.TASK_VERIFY_FIX, vars(
        EngineeringVariables.FIX_VERIFIED, true,
        EngineeringVariables.VERIFICATION_NOTES, "Totals exact to the cent in widget and CSV"), reference, ENGINEER);
    work(ENGINEER, EngineeringVariables.TASK_RELEASE_FIX, vars(
        EngineeringVariables.RELEASE_VERSION, "4.3.0",
        EngineeringVariables.APP_UPDATE_REQUIRED, true,
        EngineeringVariables.RELEASE_NOTES, "Dashboard totals are no longer rounded twice."), reference, QA);
    work(ENGINEER, EngineeringVariables.TASK_MONITOR_RELEASE, vars(
        EngineeringVariables.REGRESSION_FOUND, false,
        EngineeringVariables.MONITORING_NOTES, "Two weeks without rounding reports"), reference, QA);
    // the case was solved long ago: its owner gets a mail and a follow-up task of their own
    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(staffMailsFor(reference)).containsExactly(TIER1.id() + "@example.com"));
    work(TIER1, dev.supportdesk.escalation.queue.OwnerVariables.TASK_FOLLOW_UP, vars(
        dev.supportdesk.escalation.queue.OwnerVariables.CUSTOMER_INFORMED, true,
        dev.supportdesk.escalation.queue.OwnerVariables.FOLLOW_UP_NOTES, "Called the customer: 4.3.0 installed"),
        reference, ENGINEER);

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(instances(reference))
        .allSatisfy(instance -> assertThat(instance.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED)));
    List<NotificationKind> kinds = outbox.forCase(reference).stream().map(Notification::kind).toList();
    // every status of the ticket reaches the customer, once, even after the case was closed
    assertThat(kinds).containsExactly(
        NotificationKind.CASE_RECEIVED, NotificationKind.ESCALATED_TO_ENGINEERING,
        NotificationKind.ENGINEERING_SPECIFYING, NotificationKind.ENGINEERING_READY,
        NotificationKind.SOLVED_PLANNED_FOR_RELEASE, NotificationKind.RESOLUTION_PROPOSED,
        NotificationKind.CASE_CLOSED, NotificationKind.ENGINEERING_IN_PROGRESS, NotificationKind.FIX_RELEASED,
        NotificationKind.ENGINEERING_DONE);
    // what the agents wrote for the customer reached them; their internal notes never did
    Map<NotificationKind, String> told = new java.util.EnumMap<>(NotificationKind.class);
    outbox.forCase(reference).forEach(n -> told.put(n.kind(), n.publicText()));
    assertThat(told.get(NotificationKind.SOLVED_PLANNED_FOR_RELEASE)).contains("Planned release: 4.3.0");
    assertThat(told.get(NotificationKind.RESOLUTION_PROPOSED)).contains("until then use the CSV export for totals");
    assertThat(told.get(NotificationKind.FIX_RELEASED)).contains("Version: 4.3.0")
        .contains("Update of the application needed: Yes").contains("Dashboard totals are no longer rounded twice.");
    for (Notification n : outbox.forCase(reference)) {
      assertThat(n.body() + n.htmlBody() + n.publicText()).as(n.kind().name())
          .doesNotContain("Reproduced on a copy", "Two weeks without rounding", "Called the customer",
              "Totals exact to the cent");
    }
    JsonNode shipped = customerCase(reference);
    assertThat(statusTimeline(shipped)).as("a closed case stays closed while engineering finishes").containsExactly(
        "RECEIVED", "IN_ANALYSIS", "ENGINEERING_SPECIFYING", "ENGINEERING_READY", "SOLVED_PLANNED_FOR_RELEASE",
        "RESOLVED", "CLOSED");
    assertThat(shipped.get("open").asBoolean()).isFalse();
    assertThat(outbox.forCase(reference)).extracting(Notification::recipient).containsOnly(CUSTOMER_EMAIL);
    assertThat(shipped.get("conversation").findValuesAsText("text")).anyMatch(text -> text.contains("4.3.0"));
    assertThat(shipped.toString()).doesNotContain("Reproduced on a copy", "Two weeks without rounding",
        "Called the customer", "Totals exact to the cent");

    assertThat(caseInstance(reference).getEndActivityId()).isEqualTo(SupportCaseElements.END_SCHEDULED_FIX_RELEASED);
    assertThat(tracker.statusHistory(ticketOf(reference).key())).extracting(BuiltInTracker.StatusChange::status)
        .containsExactly(TicketStatus.SPECIFYING, TicketStatus.READY, TicketStatus.IN_PROGRESS, TicketStatus.DONE);
  }

  // ------------------------------------------------------------------ the customer

  Agent customerAgent() {
    return new Agent(CUSTOMER, Groups.CUSTOMERS);
  }

  String customerAuth() {
    return customerAgent().auth();
  }

  String openCase(String summary, String description) throws Exception {
    ObjectNode body = json.createObjectNode().put("summary", summary).put("description", description)
        .put("product", "Reporting").put("version", "4.2.1").put("impact", "HIGH").put("urgency", "MEDIUM")
        .put("type", "PROBLEM");
    HttpResponse<String> response = http.postJson("/api/cases", customerAuth(), json.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String reference = json.readTree(response.body()).get("reference").asText();
    // the case is in the Tier 1 queue at once and its receipt mail follows on a branch of its own; waiting for
    // that branch keeps the walk-through deterministic (an agent completing the Tier 1 task in the very moment
    // the branch ends gets a concurrent-update conflict and tries again)
    String instance = caseInstance(reference).getId();
    await().atMost(PATIENCE).until(() -> history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(SupportCaseElements.END_CUSTOMER_NOTIFIED_OF_RECEIPT).finished().count() == 1);
    return reference;
  }

  JsonNode customerCase(String reference) throws Exception {
    HttpResponse<String> response = http.get("/api/cases/" + reference, customerAuth());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  String customerStatus(String reference) throws Exception {
    return customerCase(reference).get("status").get("code").asText();
  }

  void awaitCustomerStatus(String reference, String status) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(customerStatus(reference)).isEqualTo(status));
  }

  HttpResponse<String> confirmation(String reference, boolean accepted) {
    return http.postJson("/api/cases/" + reference + "/confirmation", customerAuth(),
        "{\"accepted\": " + accepted + "}");
  }

  static List<String> statusTimeline(JsonNode caseDetails) {
    List<String> statuses = new ArrayList<>();
    caseDetails.get("timeline").forEach(entry -> {
      if (entry.get("type").asText().equals("STATUS")) {
        statuses.add(entry.get("code").asText());
      }
    });
    return statuses;
  }

  void assertNotifications(String reference, NotificationKind... expected) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(outbox.forCase(reference))
        .extracting(Notification::kind).containsExactly(expected));
    assertThat(outbox.forCase(reference)).extracting(Notification::recipient).containsOnly(CUSTOMER_EMAIL);
  }

  // ------------------------------------------------------------------ agents in /engine-rest

  void developAndTest(String reference, String build) throws Exception {
    work(DEVELOPER, EngineeringVariables.TASK_DEVELOP_FIX, vars(
        EngineeringVariables.FIX_DESCRIPTION, "Build " + build + ": added the missing index and one rounding step"),
        reference, QA, TIER2);
    work(DEVELOPER, EngineeringVariables.TASK_TEST_ON_STAGING, vars(
        EngineeringVariables.STAGING_BUILD, build,
        EngineeringVariables.STAGING_TEST_NOTES, "Deployed " + build + " to staging and ran the customer's scenario"),
        reference, QA);
  }

  /**
   * The agent finds the task in their tier's queue (or, when it is assigned to them, in "My tasks"), users of
   * other tiers can neither see, claim nor complete it, and the agent claims and completes it with the form's
   * variables.
   */
  void work(Agent agent, String taskDefinitionKey, Map<String, Object> variables, String reference,
      Agent... outsiders) throws Exception {
    JsonNode task = awaitQueued(agent, reference, taskDefinitionKey);
    String taskId = task.get("id").asText();
    String body = completeBody(variables);
    String assigneeBefore = engineTask(taskId).getAssignee();
    for (Agent outsider : outsiders) {
      assertThat(http.get("/engine-rest/task/" + taskId, outsider.auth()).statusCode())
          .as("%s of %s must not see %s", outsider.id(), outsider.group(), taskDefinitionKey).isIn(403, 404);
      assertThat(http.postJson("/engine-rest/task/" + taskId + "/claim", outsider.auth(),
          "{\"userId\": \"" + outsider.id() + "\"}").statusCode())
          .as("%s of %s must not claim %s", outsider.id(), outsider.group(), taskDefinitionKey).isIn(403, 404);
      HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/complete", outsider.auth(), body);
      assertThat(refused.statusCode())
          .as("%s of %s must not complete %s: %s", outsider.id(), outsider.group(), taskDefinitionKey, refused.body())
          .isIn(403, 404);
      Task unchanged = engineTask(taskId);
      assertThat(unchanged).as("%s still open after %s tried", taskDefinitionKey, outsider.id()).isNotNull();
      assertThat(unchanged.getAssignee()).isEqualTo(assigneeBefore);
    }
    if (assigneeBefore == null) {
      HttpResponse<String> claimed = http.postJson("/engine-rest/task/" + taskId + "/claim", agent.auth(),
          "{\"userId\": \"" + agent.id() + "\"}");
      assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    } else {
      assertThat(assigneeBefore).isEqualTo(agent.id());
    }
    HttpResponse<String> completed = http.postJson("/engine-rest/task/" + taskId + "/complete", agent.auth(), body);
    assertThat(completed.statusCode()).as("%s completing %s: %s", agent.id(), taskDefinitionKey, completed.body())
        .isEqualTo(204);
    assertThat(engineTask(taskId)).isNull();
  }

  /** The task of the case in the agent's queue: candidate group of their tier, or assigned to them. */
  JsonNode awaitQueued(Agent agent, String reference, String taskDefinitionKey) {
    String query = "processInstanceBusinessKey=" + encode(reference) + "&taskDefinitionKey=" + taskDefinitionKey;
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      List<JsonNode> found = new ArrayList<>();
      for (String queue : List.of("candidateGroup=" + encode(agent.group()), "assignee=" + encode(agent.id()))) {
        HttpResponse<String> response = http.get("/engine-rest/task?" + query + "&" + queue, agent.auth());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        json.readTree(response.body()).forEach(found::add);
      }
      return found.size() == 1 ? found.get(0) : null;
    }, task -> task != null);
  }

  String recommendedSeverity(Agent agent, JsonNode task) throws Exception {
    HttpResponse<String> response = http.get("/engine-rest/task/" + task.get("id").asText() + "/variables/"
        + EngineeringVariables.RECOMMENDED_SEVERITY, agent.auth());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body()).get("value").asText();
  }

  String completeBody(Map<String, Object> variables) throws Exception {
    ObjectNode body = json.createObjectNode();
    ObjectNode values = body.putObject("variables");
    variables.forEach((name, value) -> {
      ObjectNode variable = values.putObject(name);
      if (value instanceof Boolean flag) {
        variable.put("value", flag).put("type", "Boolean");
      } else {
        variable.put("value", (String) value).put("type", "String");
      }
    });
    return json.writeValueAsString(body);
  }

  static Map<String, Object> vars(Object... namesAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return variables;
  }

  static Map<String, Object> tier2(String reference, String nextAction, Object... more) {
    Map<String, Object> variables = vars(
        Tier2Variables.REANALYSIS, "Re-ran the export of case " + reference + " with server-side tracing",
        Tier2Variables.REPLICATED_IN_TEST_ENVIRONMENT, "YES",
        Tier2Contract.TIER2_FINDINGS, CUSTOMER_LAST_NAME + "'s export fails in the report_pages query after 60 s.",
        Tier2Variables.NEXT_ACTION, nextAction);
    variables.putAll(vars(more));
    return variables;
  }

  // ------------------------------------------------------------------ read-only assertions

  Task engineTask(String taskId) {
    return taskService.createTaskQuery().taskId(taskId).singleResult();
  }

  List<HistoricProcessInstance> instances(String reference) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list();
  }

  HistoricProcessInstance caseInstance(String reference) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(CaseVariables.PROCESS_ID).singleResult();
  }

  Ticket ticketOf(String reference) {
    List<Ticket> tickets = tracker.forCase(reference);
    assertThat(tickets).hasSize(1);
    return tickets.get(0);
  }

  static void assertNoPersonalData(String text) {
    assertThat(text).doesNotContainIgnoringCase(CUSTOMER_FIRST_NAME).doesNotContainIgnoringCase(CUSTOMER_LAST_NAME)
        .doesNotContainIgnoringCase(CUSTOMER_EMAIL).doesNotContainIgnoringCase(CUSTOMER)
        .doesNotContainIgnoringCase("Kundenwerk").doesNotContainIgnoringCase(ORGANISATION);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
