package dev.supportdesk.escalation.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.decision.ReplayProbeCases.Probe;
import dev.supportdesk.escalation.security.ProblemResponses;
import dev.supportdesk.escalation.sla.BusinessCalendars;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.WebappSession;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A what-if replay over HTTP through the doors Cockpit uses (webapps session login, CSRF header, the plugin
 * API under /camunda/api/cockpit/plugin/decision-replay): a few hundred cases whose priority the deployed
 * CasePriority.dmn decided are replayed against edited copies of that file, on the real engine and H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:decision-replay;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class DecisionReplayIntegrationTest {

  static final String API = "/camunda/api/cockpit/plugin/decision-replay/default";
  static final String PERIOD = "from=" + ReplayProbeCases.FROM + "&to=" + ReplayProbeCases.TO;

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired BusinessCalendars calendars;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  static boolean casesCreated;

  @BeforeEach
  void cases() {
    if (casesCreated) {
      return;
    }
    ReplayProbeCases.users(engine);
    ReplayProbeCases.create(engine);
    casesCreated = true;
  }

  WebappSession login(String user) {
    WebappSession session = WebappSession.login(port, user, TestUsers.PASSWORD, "cockpit");
    assertThat(session.loginStatus()).as("login of " + user).isEqualTo(200);
    // the login starts a new session with a new CSRF token, which the page's first request fetches
    session.get(API + "/options");
    return session;
  }

  HttpResponse<String> post(WebappSession session, String query, String dmn) {
    return session.send("POST", API + "/replays?" + query, "application/xml", dmn);
  }

  JsonNode created(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body());
  }

  JsonNode getJson(WebappSession session, String path) throws Exception {
    HttpResponse<String> response = session.get(API + path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  List<String> references(JsonNode page) {
    List<String> references = new ArrayList<>();
    page.get("items").forEach(item -> references.add(item.get("caseReference").asText()));
    return references;
  }

  long engineWrites() {
    return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT) + (SELECT COUNT(*) FROM ACT_RE_DECISION_DEF)"
        + " + (SELECT COUNT(*) FROM ACT_HI_DECINST) + (SELECT COUNT(*) FROM ACT_HI_DEC_IN) + (SELECT COUNT(*) FROM ACT_HI_DEC_OUT)",
        Long.class);
  }

  long storedReplays() {
    return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM decision_replay) * 1000000 + "
        + "(SELECT COUNT(*) FROM decision_replay_case)", Long.class);
  }

  @Test
  void movingHighImpactLowUrgencyToP1ChangesExactlyThoseProblemsAndNothingInTheEngine() throws Exception {
    List<Probe> probes = ReplayProbeCases.inPeriod();
    List<String> moved = probes.stream().filter(ReplayProbeCases::movedByHighLowEdit).map(Probe::reference).toList();
    assertThat(moved).hasSize(20);
    WebappSession owner = login(ReplayProbeCases.OWNER);
    long engineBefore = engineWrites();

    JsonNode summary = created(post(owner, PERIOD + "&fileName=CasePriority.dmn", ReplayProbeCases.highLowBecomesP1()));

    assertThat(summary.get("decisionKey").asText()).isEqualTo("CasePriority");
    assertThat(summary.get("decisions").asLong()).isEqualTo(ReplayProbeCases.IN_PERIOD);
    assertThat(summary.get("replayed").asLong()).isEqualTo(ReplayProbeCases.IN_PERIOD);
    assertThat(summary.get("changed").asLong()).isEqualTo(moved.size());
    assertThat(summary.get("changedShare").asDouble()).isEqualTo((double) moved.size() / ReplayProbeCases.IN_PERIOD);
    assertThat(summary.get("missingInput").asLong()).isZero();
    assertThat(summary.get("failed").asLong()).isZero();
    assertThat(summary.at("/matrix/P2/P1").asLong()).isEqualTo(moved.size());
    // every other decision keeps its priority: the diagonal holds the rest
    long p3 = probes.stream().filter(p -> p.caseType().equals("FEATURE_REQUEST")
        || p.impact().equals("LOW") && p.urgency().equals("LOW")).count();
    assertThat(summary.at("/matrix/P3/P3").asLong()).isEqualTo(p3);
    long total = 0;
    for (var from : iterable(summary.get("matrix").fields())) {
      for (var to : iterable(from.getValue().fields())) {
        total += to.getValue().asLong();
      }
    }
    assertThat(total).isEqualTo(ReplayProbeCases.IN_PERIOD);
    assertThat(engineWrites()).as("a replay writes nothing into the engine").isEqualTo(engineBefore);

    String id = summary.get("id").asText();
    JsonNode changed = getJson(owner, "/replays/" + id + "/cases?maxResults=500");
    assertThat(changed.get("count").asLong()).isEqualTo(moved.size());
    assertThat(references(changed)).containsExactlyElementsOf(moved);
    JsonNode first = changed.get("items").get(0);
    assertThat(first.get("oldOutput").asText()).isEqualTo("P2");
    assertThat(first.get("newOutput").asText()).isEqualTo("P1");
    assertThat(first.get("oldRules").get(0).asText()).isEqualTo("Rule_HighImpactLowUrgency");
    assertThat(first.get("newRules").get(0).asText()).isEqualTo("Rule_HighImpactLowUrgency");
    assertThat(getJson(owner, "/replays/" + id + "/cases?changedOnly=false&maxResults=1").get("count").asLong())
        .isEqualTo(ReplayProbeCases.IN_PERIOD);

    // an auditor reads the stored result and its CSV, but may not run one
    WebappSession auditor = login(ReplayProbeCases.AUDITOR);
    assertThat(getJson(auditor, "/replays/" + id).get("changed").asLong()).isEqualTo(moved.size());
    HttpResponse<String> csv = auditor.get(API + "/replays/" + id + "/export");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines).hasSize(ReplayProbeCases.IN_PERIOD + 1);
    assertThat(lines.get(0)).isEqualTo("seq,decisionInstanceId,caseReference,evaluatedAt,status,changed,oldOutput,"
        + "newOutput,oldRules,newRules,detail");
    assertThat(lines).filteredOn(line -> line.contains(",REPLAYED,true,P2,P1,")).hasSize(moved.size());
    assertThat(lines.stream().filter(line -> line.contains(moved.get(0))).findFirst().orElseThrow())
        .contains(",REPLAYED,true,P2,P1,Rule_HighImpactLowUrgency,Rule_HighImpactLowUrgency,");
    HttpResponse<String> refused = post(auditor, PERIOD, ReplayProbeCases.highLowBecomesP1());
    assertProblem(refused, 403);
  }

  @Test
  void productAndOrganisationNarrowTheReplayToTheirCases() throws Exception {
    WebappSession owner = login(ReplayProbeCases.OWNER);
    List<String> expected = ReplayProbeCases.inPeriod().stream()
        .filter(p -> p.product().equals("Ledger") && p.organisation().equals("org-acme"))
        .filter(ReplayProbeCases::movedByHighLowEdit).map(Probe::reference).toList();
    long decisions = ReplayProbeCases.inPeriod().stream()
        .filter(p -> p.product().equals("Ledger") && p.organisation().equals("org-acme")).count();

    JsonNode summary = created(post(owner, PERIOD + "&product=Ledger&organisation=org-acme",
        ReplayProbeCases.highLowBecomesP1()));

    assertThat(summary.get("decisions").asLong()).isEqualTo(decisions);
    assertThat(summary.get("changed").asLong()).isEqualTo(expected.size());
    assertThat(references(getJson(owner, "/replays/" + summary.get("id").asText() + "/cases?maxResults=500")))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void anInputTheHistoryLacksIsReportedForEveryDecisionNotGuessed() throws Exception {
    WebappSession owner = login(ReplayProbeCases.OWNER);

    JsonNode summary = created(post(owner, PERIOD, ReplayProbeCases.withRegionInput()));

    assertThat(summary.get("decisions").asLong()).isEqualTo(ReplayProbeCases.IN_PERIOD);
    assertThat(summary.get("replayed").asLong()).isZero();
    assertThat(summary.get("changed").asLong()).isZero();
    assertThat(summary.get("missingInput").asLong()).isEqualTo(ReplayProbeCases.IN_PERIOD);
    assertThat(summary.at("/missingInputs/Region").asLong()).isEqualTo(ReplayProbeCases.IN_PERIOD);
    assertThat(summary.get("missingInputs").size()).isEqualTo(1);
    assertThat(summary.get("matrix").size()).isZero();
    JsonNode all = getJson(owner, "/replays/" + summary.get("id").asText() + "/cases?changedOnly=false&maxResults=500");
    assertThat(all.get("count").asLong()).isEqualTo(ReplayProbeCases.IN_PERIOD);
    all.get("items").forEach(item -> {
      assertThat(item.get("status").asText()).isEqualTo("MISSING_INPUT");
      assertThat(item.get("detail").asText()).isEqualTo("missing input: Region");
      assertThat(item.get("newOutput").isNull()).isTrue();
    });
    assertThat(references(all)).containsExactlyElementsOf(
        ReplayProbeCases.inPeriod().stream().map(Probe::reference).toList());
  }

  @Test
  void badInputIsAProblemAndStoresNothing() throws Exception {
    WebappSession owner = login(ReplayProbeCases.OWNER);
    String dmn = ReplayProbeCases.highLowBecomesP1();
    long before = storedReplays();

    assertProblem(post(owner, PERIOD, "this is not XML"), 400);
    assertProblem(post(owner, PERIOD, "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>"), 400);
    assertProblem(post(owner, PERIOD, dmn.replace("decision id=\"CasePriority\"", "decision id=\"NeverDecided\"")),
        404);
    assertProblem(post(owner, "from=2026-09-30&to=2026-07-01", dmn), 400);
    assertProblem(post(owner, "from=yesterday&to=2026-07-01", dmn), 400);
    assertProblem(post(owner, "to=2026-07-01", dmn), 400);
    assertProblem(post(owner, PERIOD + "&decisionKey=SlaResolutionTarget", dmn), 400);
    String oversized = dmn.replace("<description>", "<description>" + "x".repeat(1024 * 1024));
    assertProblem(post(owner, PERIOD, oversized), 413);
    assertProblem(owner.get(API + "/replays/" + UUID.randomUUID()), 404);
    assertProblem(owner.get(API + "/replays?maxResults=100000"), 400);

    assertThat(storedReplays()).isEqualTo(before);
  }

  @Test
  void agentsAndCustomersAreRefused() throws Exception {
    // even an agent an administrator let into Cockpit is refused by the plugin itself
    WebappSession agent = login(ReplayProbeCases.AGENT_IN_COCKPIT);
    assertProblem(agent.get(API + "/options"), 403);
    assertProblem(agent.get(API + "/replays"), 403);
    assertProblem(post(agent, PERIOD, ReplayProbeCases.highLowBecomesP1()), 403);
    WebappSession tier1 = WebappSession.login(port, ReplayProbeCases.AGENT, TestUsers.PASSWORD, "cockpit");
    assertThat(tier1.get(API + "/replays").statusCode()).isIn(401, 403);

    WebappSession customer = WebappSession.login(port, ReplayProbeCases.CUSTOMER, TestUsers.PASSWORD, "cockpit");
    HttpResponse<String> asCustomer = customer.get(API + "/replays");
    assertThat(asCustomer.statusCode()).isIn(401, 403);
    assertThat(customer.send("POST", API + "/replays?" + PERIOD, "application/xml",
        ReplayProbeCases.highLowBecomesP1()).statusCode()).isIn(401, 403);

    assertThat(getJson(login(ReplayProbeCases.AUDITOR), "/options").get("mayRun").asBoolean()).isFalse();
    assertThat(getJson(login(ReplayProbeCases.OWNER), "/options").get("mayRun").asBoolean()).isTrue();
  }

  /**
   * SLA targets: the resolution target of a P1 case without severity shrinks from P3D to P1D. Of the
   * clocks recorded in the period, the one that took two business days would now breach, the one that
   * breached P4D after five days still breaches, and the running one is not judged.
   */
  @Test
  void shorterResolutionTargetsShowWhichMetCasesWouldHaveBreached() throws Exception {
    engine.getDecisionService().evaluateDecisionTableByKey("SlaResolutionTarget",
        Variables.createVariables().putValue("priority", "P1").putValue("severity", null));
    long day = calendars.defaultCalendar().businessDuration("P1D").getSeconds();
    clock("SLA-MET-P1", "P1", "P3D", 3 * day, Instant.parse("2026-08-03T09:00:00Z"), 2 * day, false);
    clock("SLA-FAST-P1", "P1", "P3D", 3 * day, Instant.parse("2026-08-04T09:00:00Z"), day / 2, false);
    clock("SLA-LATE-P2", "P2", "P4D", 4 * day, Instant.parse("2026-08-05T09:00:00Z"), 5 * day, true);
    clock("SLA-OPEN-P1", "P1", "P3D", 3 * day, Instant.parse("2026-08-06T09:00:00Z"), null, false);
    clock("SLA-OCTOBER", "P1", "P3D", 3 * day, Instant.parse("2026-10-06T09:00:00Z"), 2 * day, false);
    String edited = java.nio.file.Files.readString(java.nio.file.Path.of("processes/SlaTargets.dmn"))
        .replace("<text>\"P1\"</text>\n        </inputEntry>\n        <outputEntry id=\"OutputEntry_Resolution_7\">\n"
            + "          <text>\"P3D\"</text>", "<text>\"P1\"</text>\n        </inputEntry>\n"
            + "        <outputEntry id=\"OutputEntry_Resolution_7\">\n          <text>\"P1D\"</text>");
    assertThat(edited).contains("<text>\"P1D\"</text>\n        </outputEntry>\n      </rule>\n      <rule id=\"Rule_Resolution_8\">");

    WebappSession owner = login(ReplayProbeCases.OWNER);
    assertProblem(post(owner, PERIOD, edited), 400); // two decision tables in the file: which one?
    JsonNode summary = created(post(owner, PERIOD + "&decisionKey=SlaResolutionTarget", edited));

    JsonNode sla = summary.get("sla");
    assertThat(sla.get("target").asText()).isEqualTo("RESOLUTION");
    assertThat(sla.get("clocks").asLong()).isEqualTo(4);
    assertThat(sla.get("replayed").asLong()).isEqualTo(3);
    assertThat(sla.get("stillOpen").asLong()).isEqualTo(1);
    assertThat(sla.get("breachedBefore").asLong()).isEqualTo(1);
    assertThat(sla.get("breachedAfter").asLong()).isEqualTo(2);
    assertThat(sla.get("wouldBreachCount").asLong()).isEqualTo(1);
    assertThat(sla.get("wouldMeetCount").asLong()).isZero();
    JsonNode breach = sla.get("wouldBreach").get(0);
    assertThat(breach.get("caseReference").asText()).isEqualTo("SLA-MET-P1");
    assertThat(breach.get("newTarget").asText()).isEqualTo("P1D");
    assertThat(breach.get("newTargetSeconds").asLong()).isEqualTo(day);
    assertThat(breach.get("elapsedBusinessSeconds").asLong()).isEqualTo(2 * day);
    assertThat(sla.get("wouldBreach").size()).isEqualTo(1);
  }

  void clock(String reference, String priority, String target, long targetSeconds, Instant started, Long elapsed,
      boolean breached) {
    jdbc.update("INSERT INTO sla_clock (id, case_reference, target, priority, severity, organisation_id, "
            + "target_duration, target_seconds, responsible_tier, state, started_at, met_at, breached_at, "
            + "elapsed_business_seconds, updated_at) VALUES (?, ?, 'RESOLUTION', ?, NULL, 'org-acme', ?, ?, 'tier1', ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), reference, priority, target, targetSeconds,
        elapsed == null ? "RUNNING" : breached ? "BREACHED" : "MET", Timestamp.from(started),
        elapsed == null ? null : Timestamp.from(started.plusSeconds(elapsed * 3)),
        breached ? Timestamp.from(started.plusSeconds(targetSeconds * 3)) : null, elapsed, Timestamp.from(started));
  }

  void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(ProblemResponses.PROBLEM_JSON);
  }

  static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }
}
