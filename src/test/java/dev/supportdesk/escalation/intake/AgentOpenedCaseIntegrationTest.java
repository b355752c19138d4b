package dev.supportdesk.escalation.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.notification.Notification;
import dev.supportdesk.escalation.notification.NotificationOutbox;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cases a Tier 1 agent opens for a customer who phoned (Tasklist's start form, here its REST call): the
 * agent names the customer by login or e-mail address, an unknown address becomes a new customer of the
 * organisation the agent names, and the case is the customer's in every way. Bad names are refused with
 * the form's message and nothing is created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:tasklist-open-case;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class AgentOpenedCaseIntegrationTest {

  static final String AGENT = "otto.tier1";
  static final String ORGANISATION = "org-caller";
  static final String START = "/engine-rest/process-definition/key/" + CaseVariables.PROCESS_ID + "/submit-form";

  @Autowired ProcessEngine engine;
  @Autowired NotificationOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void people() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    TestUsers.ensure(identity, AGENT, Groups.TIER1);
    CustomerFixtures.organisation(identity, ORGANISATION, "Caller Ltd");
    CustomerFixtures.customer(identity, "cora.caller", ORGANISATION);
  }

  @Test
  void aCaseOpenedForAnExistingCustomerIsTheirsListedAndMailed() throws Exception {
    String reference = opened(start(Map.of(CaseVariables.CUSTOMER_CONTACT, "cora.caller"), "Printing fails"));

    assertThat(jdbc.queryForObject("SELECT reporter_id FROM customer_case WHERE reference = ?", String.class,
        reference)).isEqualTo("cora.caller");
    HttpResponse<String> list = http.get("/api/cases", Http.basic("cora.caller", TestUsers.PASSWORD));
    assertThat(list.body()).contains(reference).contains("Printing fails");
    await().atMost(Duration.ofSeconds(30)).until(() -> outbox.forCase(reference).size(), n -> n == 1);
    assertThat(outbox.forCase(reference)).extracting(Notification::recipient).containsExactly("cora.caller@example.com");
    String instanceId = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(reference).processDefinitionKey(CaseVariables.PROCESS_ID).singleResult().getId();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName(CaseVariables.OPENED_BY)
        .processInstanceId(instanceId).singleResult().getValue()).isEqualTo(AGENT);
  }

  @Test
  void anAddressNoCustomerHasBecomesANewCustomerOfTheNamedOrganisation() throws Exception {
    String reference = opened(start(Map.of(CaseVariables.CUSTOMER_CONTACT, "Nina.New@newco.example",
        CaseVariables.NEW_CUSTOMER_ORGANISATION, ORGANISATION), "Licence expired"));

    var user = engine.getIdentityService().createUserQuery().userEmail("nina.new@newco.example").singleResult();
    assertThat(user.getId()).isEqualTo("nina.new");
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("nina.new").list())
        .extracting(g -> g.getId()).containsExactlyInAnyOrder(Groups.CUSTOMERS, ORGANISATION);
    assertThat(jdbc.queryForObject("SELECT reporter_id FROM customer_case WHERE reference = ?", String.class,
        reference)).isEqualTo("nina.new");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(CaseVariables.PROCESS_ID).count()).isOne();

    // the same address again finds her: no second account
    String second = opened(start(Map.of(CaseVariables.CUSTOMER_CONTACT, "nina.new@newco.example"), "Licence again"));
    assertThat(jdbc.queryForObject("SELECT reporter_id FROM customer_case WHERE reference = ?", String.class,
        second)).isEqualTo("nina.new");
  }

  @Test
  void aCustomerWhoCannotBeFoundIsRefusedWithTheFormsMessageAndNothingIsCreated() throws Exception {
    long casesBefore = jdbc.queryForObject("SELECT COUNT(*) FROM customer_case", Long.class);
    long instancesBefore = engine.getRuntimeService().createProcessInstanceQuery().count();
    long usersBefore = engine.getIdentityService().createUserQuery().count();

    assertRefused(start(Map.of(CaseVariables.CUSTOMER_CONTACT, "nobody-here"), "Unknown login"),
        "neither a customer's login nor an e-mail address");
    assertRefused(start(Map.of(CaseVariables.CUSTOMER_CONTACT, "fresh@newco.example"), "No organisation"),
        "name the organisation");
    assertRefused(start(Map.of(CaseVariables.CUSTOMER_CONTACT, "fresh@newco.example",
        CaseVariables.NEW_CUSTOMER_ORGANISATION, Groups.TIER1), "Not an organisation"), "there is no organisation tier1");
    assertRefused(start(Map.of(CaseVariables.CUSTOMER_CONTACT, AGENT), "An agent as customer"),
        "neither a customer's login");

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_case", Long.class)).isEqualTo(casesBefore);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(engine.getIdentityService().createUserQuery().count()).isEqualTo(usersBefore);
  }

  HttpResponse<String> start(Map<String, String> customer, String summary) throws Exception {
    ObjectNode body = json.createObjectNode();
    ObjectNode variables = body.putObject("variables");
    Map<String, String> values = new java.util.LinkedHashMap<>(customer);
    values.put(CaseVariables.SUMMARY, summary);
    values.put(CaseVariables.DESCRIPTION, "The customer phoned: " + summary);
    values.put(CaseVariables.IMPACT, "MEDIUM");
    values.put(CaseVariables.URGENCY, "MEDIUM");
    values.forEach((name, value) -> variables.putObject(name).put("value", value).put("type", "String"));
    return http.postJson(START, Http.basic(AGENT, TestUsers.PASSWORD), json.writeValueAsString(body));
  }

  String opened(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode instance = json.readTree(response.body());
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.get("id").asText())
        .singleResult().getBusinessKey();
  }

  static void assertRefused(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(response.body()).contains(message);
  }
}
