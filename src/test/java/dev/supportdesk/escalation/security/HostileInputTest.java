package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.support.Browser;
import dev.supportdesk.escalation.support.CamundaForms;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Malformed and hostile requests at the three doors that take input from outside: the customer API,
 * the Jira webhook and the task forms (completed over /engine-rest). One table, each row a request that must be refused with 4xx and
 * {@code application/problem+json}, never a stack trace; afterwards nothing is stored (customer tables,
 * case instances, the case's variables, the open task, tracker tables). Tasklist's own engine API
 * (/camunda/api/engine) runs the same listeners and filters as /engine-rest. Then a Tier 1 agent opens the
 * case in Tasklist in headless Chromium: text that was accepted although it looks like markup, and
 * markup written straight into the engine past every check, show as inert text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:hostile-input;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "support.tracker.type=jira",
    "support.tracker.jira.base-url=http://127.0.0.1:9",
    "support.tracker.jira.user=support-bot@vendor.example",
    "support.tracker.jira.token=not-a-real-token",
    "support.tracker.jira.project-key=SUP",
    "support.tracker.jira.webhook-secret=" + HostileInputTest.SECRET,
    "support.tracker.jira.poll-interval=PT12H"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

  static final String SECRET = "whsec-hostile-3f9a2c";
  static final String ORGANISATION = "org-hostile-it";
  static final String CUSTOMER = "mallory.customer";
  static final String AGENT = "hank.tier1";
  static final String WEBHOOK = "/api/integrations/jira/webhook";
  /** Accepted: comparisons, a stack trace, generics and XML, which must show as text and create nothing. */
  static final String SUMMARY = "Totals wrong when a < b && c > d";
  static final String DESCRIPTION = "Fails with 1 < 2 > 0 at Foo.<init>(Foo.java:12) for List<String>;"
      + " config <timeout>60</timeout>; array[0] (first)";
  /** Never accepted at any door; written straight into the engine to prove Tasklist keeps it inert. */
  static final String PAST_EVERY_CHECK = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

  static String reference;
  static Task task;

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  record Hostile(String door, String name, Supplier<HttpResponse<String>> call) {}

  @Test
  @Order(1)
  void malformedAndHostileRequestsAtEveryDoorAreRefusedWithProblemDetailsAndStoreNothing() throws Exception {
    Http http = new Http(port);
    prepareCaseWithOpenTier1Task(http);
    String cases = "/api/cases";
    String messages = cases + "/" + reference + "/messages";
    String complete = "/engine-rest/task/" + task.getId() + "/complete";
    String valid = "\"description\": \"A valid description\"";
    String deep200 = "[".repeat(200) + "]".repeat(200);
    String deepObject200 = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
    String deep2000 = "[".repeat(2000) + "]".repeat(2000);
    String twoMegabytes = "{\"summary\": \"ok\", \"description\": \"" + "d".repeat(2 * 1024 * 1024) + "\"}";
    byte[] latin1 = "{\"summary\": \"Caf\u00e9 fails\", \"description\": \"x\"}".getBytes(StandardCharsets.ISO_8859_1);
    byte[] overlong = concat("{\"summary\": \"".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC0, (byte) 0xBC},
        "script\", \"description\": \"x\"}".getBytes(StandardCharsets.US_ASCII));
    byte[] loneSurrogate = concat("{\"summary\": \"".getBytes(StandardCharsets.US_ASCII),
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\", \"description\": \"x\"}".getBytes(StandardCharsets.US_ASCII));
    String event = event("SUP-101", "In Progress");
    String serialized = Base64.getEncoder().encodeToString(javaSerialized(new HashMap<>(Map.of("k", "v"))));

    List<Hostile> table = new ArrayList<>(List.of(
        // ---------------------------------------------------------------- customer API
        new Hostile("customer API", "200-level nested arrays as body", () -> post(http, cases, deep200)),
        new Hostile("customer API", "200-level nested object as summary", () -> post(http, cases, "{\"summary\": " + deepObject200 + ", " + valid + "}")),
        new Hostile("customer API", "200-level nested object in unknown field", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"x\": " + deepObject200 + "}")),
        new Hostile("customer API", "2000-level nested arrays (past the parser's limit)", () -> post(http, cases, deep2000)),
        new Hostile("customer API", "2 MB body", () -> post(http, cases, twoMegabytes)),
        new Hostile("customer API", "2 MB body, chunked (no length)", () -> chunked(http, cases, twoMegabytes.getBytes(StandardCharsets.UTF_8))),
        new Hostile("customer API", "Latin-1 bytes declared UTF-8", () -> send(http, cases, "application/json", latin1)),
        new Hostile("customer API", "overlong UTF-8 for '<'", () -> send(http, cases, "application/json", overlong)),
        new Hostile("customer API", "UTF-8 encoded lone surrogate", () -> send(http, cases, "application/json", loneSurrogate)),
        new Hostile("customer API", "UTF-8 body declared UTF-16", () -> send(http, cases, "application/json;charset=UTF-16", ("{\"summary\": \"ok\", " + valid + "}").getBytes(StandardCharsets.UTF_8))),
        new Hostile("customer API", "UTF-16 body declared UTF-16", () -> send(http, cases, "application/json; charset=UTF-16", ("{\"summary\": \"ok\", " + valid + "}").getBytes(StandardCharsets.UTF_16))),
        new Hostile("customer API", "unknown charset", () -> send(http, cases, "application/json; charset=x-evil", ("{\"summary\": \"ok\", " + valid + "}").getBytes(StandardCharsets.UTF_8))),
        new Hostile("customer API", "text/html body", () -> send(http, cases, "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))),
        new Hostile("customer API", "no Content-Type", () -> send(http, cases, null, ("{\"summary\": \"ok\", " + valid + "}").getBytes(StandardCharsets.UTF_8))),
        new Hostile("customer API", "JSON with comments", () -> post(http, cases, "{/* hi */ \"summary\": \"ok\", " + valid + "}")),
        new Hostile("customer API", "JSON with single quotes", () -> post(http, cases, "{'summary': 'ok', 'description': 'x'}")),
        new Hostile("customer API", "NaN for text", () -> post(http, cases, "{\"summary\": NaN, " + valid + "}")),
        new Hostile("customer API", "SQL in enum (impact)", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"impact\": \"HIGH' OR '1'='1\"}")),
        new Hostile("customer API", "SQL in case type", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"type\": \"PROBLEM; DROP TABLE customer_case;--\"}")),
        new Hostile("customer API", "SQL in Idempotency-Key", () -> postWith(http, cases, "{\"summary\": \"ok\", " + valid + "}", "Idempotency-Key", "1'; DROP TABLE idempotency_key;--")),
        new Hostile("customer API", "SQL in case reference", () -> post(http, cases + "/" + encode("CASE-2026-AAAAAA' OR '1'='1") + "/messages", "{\"text\": \"hi\"}")),
        new Hostile("customer API", "path traversal in case reference", () -> post(http, cases + "/" + encode("..%2F..%2Fetc%2Fpasswd") + "/messages", "{\"text\": \"hi\"}")),
        new Hostile("customer API", "script in summary (upper case)", () -> post(http, cases, "{\"summary\": \"<SCRIPT>alert(1)</SCRIPT>\", " + valid + "}")),
        new Hostile("customer API", "split script tag", () -> post(http, cases, "{\"summary\": \"<scr<script>ipt>alert(1)\", " + valid + "}")),
        new Hostile("customer API", "svg onload in description", () -> post(http, cases, "{\"summary\": \"ok\", \"description\": \"<svg onload=alert(1)>\"}")),
        new Hostile("customer API", "body onload in error messages", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"errorMessages\": \"<body onload=alert(1)>\"}")),
        new Hostile("customer API", "details ontoggle in environment", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"environment\": \"<details open ontoggle=alert(1)>\"}")),
        new Hostile("customer API", "meta refresh in recent changes", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"recentChanges\": \"<meta http-equiv=refresh content=0;url=//evil.example>\"}")),
        new Hostile("customer API", "data:text/html link in steps", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"stepsToReproduce\": \"open data:text/html;base64,PHNjcmlwdD4=\"}")),
        new Hostile("customer API", "style tag in message", () -> post(http, messages, "{\"text\": \"<style>body{display:none}</style>\"}")),
        new Hostile("customer API", "javascript: link in message (mixed case)", () -> post(http, messages, "{\"text\": \"[x](JaVaScRiPt:alert(1))\"}")),
        new Hostile("customer API", "bold tag in summary (rendered by Tasklist)", () -> post(http, cases, "{\"summary\": \"<b>urgent</b>\", " + valid + "}")),
        new Hostile("customer API", "link tag in description", () -> post(http, cases, "{\"summary\": \"ok\", \"description\": \"<a href=https://evil.example>docs</a>\"}")),
        new Hostile("customer API", "Markdown link in description", () -> post(http, cases, "{\"summary\": \"ok\", \"description\": \"see [the docs](https://evil.example/phish)\"}")),
        new Hostile("customer API", "Markdown image (tracking pixel) in message", () -> post(http, messages, "{\"text\": \"![x](https://evil.example/pixel.png)\"}")),
        new Hostile("customer API", "autolink in product", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"product\": \"<https://evil.example>\"}")),
        new Hostile("customer API", "NUL byte in description", () -> post(http, cases, "{\"summary\": \"ok\", \"description\": \"a\\u0000b\"}")),
        new Hostile("customer API", "ANSI escape in message", () -> post(http, messages, "{\"text\": \"\\u001b[31mred\"}")),
        new Hostile("customer API", "DEL character in summary", () -> post(http, cases, "{\"summary\": \"a\\u007fb\", " + valid + "}")),
        new Hostile("customer API", "oversized product", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"product\": \"" + "p".repeat(10_000) + "\"}")),
        new Hostile("customer API", "oversized environment", () -> post(http, cases, "{\"summary\": \"ok\", " + valid + ", \"environment\": \"" + "e".repeat(100_000) + "\"}")),
        new Hostile("customer API", "file name ../../etc/passwd", () -> upload(http, "../../etc/passwd", "text/plain", "root:x:0:0")),
        new Hostile("customer API", "file name ..\\..\\boot.ini", () -> upload(http, "..\\..\\boot.ini", "text/plain", "[boot loader]")),
        new Hostile("customer API", "file name with NUL", () -> upload(http, "report.txt\u0000.exe", "text/plain", "x")),
        new Hostile("customer API", "file name with control character", () -> upload(http, "bell\u0007.txt", "text/plain", "x")),
        new Hostile("customer API", "HTML page as .txt", () -> upload(http, "page.txt", "text/html", "<script>alert(1)</script>")),
        // ---------------------------------------------------------------- Jira webhook
        new Hostile("Jira webhook", "no signature", () -> webhook(http, event, Map.of())),
        new Hostile("Jira webhook", "forged signature (guessed secret)", () -> webhook(http, event, Map.of("X-Hub-Signature", "sha256=" + sign(event, "guessed")))),
        new Hostile("Jira webhook", "signature replayed on another body", () -> webhook(http, event("SUP-101", "Done"), Map.of("X-Hub-Signature", "sha256=" + sign(event, SECRET)))),
        new Hostile("Jira webhook", "SHA-1 signature", () -> webhook(http, event, Map.of("X-Hub-Signature", "sha1=" + HexFormat.of().formatHex(new byte[20])))),
        new Hostile("Jira webhook", "signature not hex", () -> webhook(http, event, Map.of("X-Hub-Signature", "sha256=<script>alert(1)</script>"))),
        new Hostile("Jira webhook", "empty signature", () -> webhook(http, event, Map.of("X-Hub-Signature", "sha256="))),
        new Hostile("Jira webhook", "truncated signature", () -> webhook(http, event, Map.of("X-Hub-Signature", "sha256=" + sign(event, SECRET).substring(0, 32)))),
        new Hostile("Jira webhook", "wrong secret header", () -> webhook(http, event, Map.of("X-Webhook-Secret", "guessed"))),
        new Hostile("Jira webhook", "secret in other case", () -> webhook(http, event, Map.of("X-Webhook-Secret", SECRET.toUpperCase()))),
        new Hostile("Jira webhook", "SQL as secret parameter", () -> webhookQuery(http, event, "secret=" + encode("' OR '1'='1"))),
        new Hostile("Jira webhook", "2 MB payload", () -> signedWebhook(http, "{\"x\": \"" + "j".repeat(2 * 1024 * 1024) + "\"}")),
        new Hostile("Jira webhook", "signed malformed JSON", () -> signedWebhook(http, "{\"issue\": {\"key\": ")),
        new Hostile("Jira webhook", "signed JSON array", () -> signedWebhook(http, "[1, 2, 3]")),
        new Hostile("Jira webhook", "signed 2000-level nesting", () -> signedWebhook(http, "{\"a\": " + deep2000 + "}")),
        new Hostile("Jira webhook", "signed invalid UTF-8", () -> signedWebhookBytes(http, latin1)),
        new Hostile("Jira webhook", "signed path traversal as issue key", () -> signedWebhook(http, event("../../etc/passwd", "Done"))),
        new Hostile("Jira webhook", "signed SQL as issue key", () -> signedWebhook(http, event("SUP-1' OR '1'='1", "Done"))),
        new Hostile("Jira webhook", "signed script as status", () -> signedWebhook(http, event("SUP-101", "<script>alert(1)</script>"))),
        new Hostile("Jira webhook", "signed oversized status", () -> signedWebhook(http, event("SUP-101", "s".repeat(1000)))),
        // ---------------------------------------------------------------- task forms
        new Hostile("task form", "script in symptoms", () -> completeWith(http, complete, Tier1Variables.SYMPTOMS, text("<script>alert(1)</script>"))),
        new Hostile("task form", "img onerror in findings", () -> completeWith(http, complete, Tier1Variables.TIER1_FINDINGS, text("Found it <img src=x onerror=alert(1)>"))),
        new Hostile("task form", "javascript: link in log references", () -> completeWith(http, complete, Tier1Variables.LOG_REFERENCES, text("javascript:alert(document.cookie)"))),
        new Hostile("task form", "iframe in environment", () -> completeWith(http, complete, CaseVariables.ENVIRONMENT, text("<iframe src=//evil.example></iframe>"))),
        new Hostile("task form", "svg onload in error messages", () -> completeWith(http, complete, CaseVariables.ERROR_MESSAGES, text("<svg/onload=alert(1)>"))),
        new Hostile("task form", "Markdown image in findings", () -> completeWith(http, complete, Tier1Variables.TIER1_FINDINGS, text("See ![x](https://evil.example/p.png) for details"))),
        new Hostile("task form", "bold tag in symptoms", () -> completeWith(http, complete, Tier1Variables.SYMPTOMS, text("<strong>Totals</strong> wrong"))),
        new Hostile("task form", "NUL byte in findings", () -> completeWith(http, complete, Tier1Variables.TIER1_FINDINGS, text("Reproduced\u0000 with a long report"))),
        new Hostile("task form", "number for outcome", () -> completeWith(http, complete, Tier1Variables.TIER1_OUTCOME, "{\"value\": 3, \"type\": \"Integer\"}")),
        new Hostile("task form", "boolean for reproduced", () -> completeWith(http, complete, Tier1Variables.REPRODUCED, "{\"value\": true, \"type\": \"Boolean\"}")),
        new Hostile("task form", "text for a checkbox", () -> completeWith(http, complete, Tier1Variables.CONFIGURATION_VERIFIED, text("yes"))),
        new Hostile("task form", "number for findings", () -> completeWith(http, complete, Tier1Variables.TIER1_FINDINGS, "{\"value\": 1234567890123, \"type\": \"Long\"}")),
        new Hostile("task form", "SQL as outcome", () -> completeWith(http, complete, Tier1Variables.TIER1_OUTCOME, text("RESOLVED'; DROP TABLE ACT_RU_TASK;--"))),
        new Hostile("task form", "findings over 10,000 characters", () -> completeWith(http, complete, Tier1Variables.TIER1_FINDINGS, text("f".repeat(10_001)))),
        new Hostile("task form", "1 MB environment", () -> completeWith(http, complete, CaseVariables.ENVIRONMENT, text("e".repeat(1024 * 1024)))),
        new Hostile("task form", "unknown variable, Java-serialized object", () -> completeWith(http, complete, "payload", javaObject(serialized))),
        new Hostile("task form", "findings as Java-serialized object", () -> completeWith(http, complete, Tier1Variables.TIER1_FINDINGS, javaObject(serialized))),
        new Hostile("task form", "unknown variable type", () -> completeWith(http, complete, "payload", "{\"value\": \"x\", \"type\": \"Evil\"}")),
        new Hostile("task form", "malformed JSON body", () -> http.postJson(complete, agent(), "{\"variables\": {")),
        new Hostile("task form", "script through submit-form", () -> http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", agent(),
            completion(Tier1Variables.SYMPTOMS, text("<script>alert(1)</script>"))))));

    Map<String, Object> before = stored();
    Map<String, Integer> tried = new LinkedHashMap<>();
    Map<String, Integer> rejected = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Hostile hostile : table) {
      tried.merge(hostile.door(), 1, Integer::sum);
      HttpResponse<String> response = hostile.call().get();
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      boolean refused = response.statusCode() >= 400 && response.statusCode() < 500
          && contentType.startsWith("application/problem+json") && leaksNothing(response.body());
      if (refused) {
        rejected.merge(hostile.door(), 1, Integer::sum);
      } else {
        failures.add(hostile.door() + " / " + hostile.name() + ": " + response.statusCode() + " " + contentType + " "
            + abbreviate(response.body()));
      }
    }
    Map<String, Object> after = stored();

    int total = table.size();
    int refusedTotal = rejected.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println("HOSTILE requests tried: " + total + ", rejected with 4xx problem+json: " + refusedTotal);
    tried.forEach((door, n) -> System.out.println("HOSTILE " + door + ": tried " + n + ", rejected "
        + rejected.getOrDefault(door, 0)));
    System.out.println("HOSTILE stored before/after: " + (before.equals(after) ? "unchanged" : before + " -> " + after));
    failures.forEach(failure -> System.out.println("HOSTILE not refused: " + failure));
    assertThat(total).isGreaterThanOrEqualTo(50);
    assertThat(failures).isEmpty();
    assertThat(after).isEqualTo(before);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void sqlLookingTextIsStoredAsTextAndChangesNothingElse() throws Exception {
    Http http = new Http(port);
    prepareCaseWithOpenTier1Task(http);
    long cases = count("customer_case");
    String sql = "Report fails: ERROR 1064 near '; DROP TABLE customer_case; --' at line 1";

    HttpResponse<String> response = post(http, "/api/cases/" + reference + "/messages",
        json.writeValueAsString(Map.of("text", sql)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(jdbc.queryForObject("SELECT body FROM case_message WHERE case_reference = ?", String.class, reference))
        .isEqualTo(sql);
    assertThat(count("customer_case")).isEqualTo(cases);
  }

  @Test
  @Order(3)
  void tasklistShowsMarkupLikeTextAsTextAndRunsNothing() throws Exception {
    Http http = new Http(port);
    prepareCaseWithOpenTier1Task(http);
    // past every door's check, straight into the engine: Tasklist itself must keep it inert
    engine.getRuntimeService().setVariable(task.getProcessInstanceId(), CaseVariables.PRODUCT, PAST_EVERY_CHECK);
    engine.getRuntimeService().setVariable(task.getProcessInstanceId(), CaseVariables.ERROR_MESSAGES, PAST_EVERY_CHECK);

    ChromeDriver browser = Browser.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      Browser.logIn(browser, wait, port, "tasklist", AGENT);
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[normalize-space(text())='" + TasklistFilters.TIER1_QUEUE + "']"))).click();
      // straight to this case's task (the queue may hold others of the same name)
      browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.getId());
      WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
      wait.until(driver -> SUMMARY.equals(CamundaForms.field(driver, "Summary").getAttribute("value")));
      Browser.screenshot(browser, "tasklist-hostile-text");

      JavascriptExecutor js = browser;
      Map<String, String> shown = new LinkedHashMap<>();
      for (String label : List.of("Summary", "Description", "Product", "Error messages")) {
        shown.put(label, CamundaForms.field(browser, label).getAttribute("value"));
      }
      Object xss = js.executeScript("return typeof window.__xss;");
      // what the case's text would create if it were rendered: the form's own markup has none of these
      Long injected = (Long) js.executeScript("var f = document.querySelector('.fjs-form');"
          + " return f.querySelectorAll('script, img, iframe, object, embed, a[href*=\"evil\"]').length;");
      shown.forEach((label, value) -> System.out.println("BROWSER " + label + " shows: " + abbreviate(value)));
      System.out.println("BROWSER window.__xss: " + xss + ", elements created from the case's text: " + injected);

      assertThat(shown).containsEntry("Summary", SUMMARY).containsEntry("Description", DESCRIPTION)
          .containsEntry("Product", PAST_EVERY_CHECK).containsEntry("Error messages", PAST_EVERY_CHECK);
      assertThat(xss).isEqualTo("undefined");
      assertThat(injected).isZero();
      assertThat(form.getText()).doesNotContain("window.__xss");
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(browser, "tasklist-hostile-failure");
      java.nio.file.Files.writeString(java.nio.file.Path.of("target/screenshots/tasklist-hostile-failure.html"),
          browser.getPageSource());
      throw e;
    } finally {
      browser.quit();
    }
  }

  // ------------------------------------------------------------------ the case under attack

  void prepareCaseWithOpenTier1Task(Http http) throws Exception {
    if (task != null) {
      return;
    }
    var identity = engine.getIdentityService();
    CustomerFixtures.organisation(identity, ORGANISATION, "Mallory Ltd");
    CustomerFixtures.customer(identity, CUSTOMER, ORGANISATION);
    TestUsers.ensure(identity, AGENT, Groups.TIER1);
    HttpResponse<String> opened = post(http, "/api/cases",
        json.writeValueAsString(Map.of("summary", SUMMARY, "description", DESCRIPTION)));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    reference = json.readTree(opened.body()).get("reference").asText();
    task = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER1).singleResult(), t -> t != null);
    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/claim", agent(), "{\"userId\":\"" + AGENT + "\"}")
        .statusCode()).isEqualTo(204);
  }

  Map<String, Object> stored() {
    Map<String, Object> state = new LinkedHashMap<>();
    for (String table : List.of("customer_case", "idempotency_key", "case_message", "case_attachment",
        "jira_ticket", "engineering_ticket", "case_status_history")) {
      state.put(table, count(table));
    }
    state.put("case instances", engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).count());
    state.put("case variables", new java.util.TreeMap<>(engine.getRuntimeService().getVariables(task.getProcessInstanceId())));
    state.put("variable updates", engine.getHistoryService().createHistoricDetailQuery()
        .processInstanceId(task.getProcessInstanceId()).count());
    state.put("task open", engine.getTaskService().createTaskQuery().taskId(task.getId()).count());
    return state;
  }

  long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  // ------------------------------------------------------------------ requests

  static String agent() {
    return Http.basic(AGENT, TestUsers.PASSWORD);
  }

  static String customer() {
    return Http.basic(CUSTOMER, TestUsers.PASSWORD);
  }

  HttpResponse<String> post(Http http, String path, String body) {
    return http.postJson(path, customer(), body);
  }

  HttpResponse<String> postWith(Http http, String path, String body, String header, String value) {
    return http.send(http.request(path, customer()).header("Content-Type", "application/json").header(header, value)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> send(Http http, String path, String contentType, byte[] body) {
    HttpRequest.Builder request = http.request(path, customer()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build());
  }

  HttpResponse<String> chunked(Http http, String path, byte[] body) {
    return http.send(http.request(path, customer()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
  }

  HttpResponse<String> upload(Http http, String fileName, String contentType, String content) {
    String boundary = "----hostile-input-test";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8));
    return send(http, "/api/cases/" + reference + "/attachments", "multipart/form-data; boundary=" + boundary,
        out.toByteArray());
  }

  static String event(String issueKey, String status) {
    return "{\"timestamp\":" + System.currentTimeMillis() + ",\"webhookEvent\":\"jira:issue_updated\","
        + "\"issue\":{\"key\":" + quote(issueKey) + ",\"fields\":{\"status\":{\"name\":" + quote(status) + "}}}}";
  }

  HttpResponse<String> webhook(Http http, String body, Map<String, String> headers) {
    HttpRequest.Builder request = http.request(WEBHOOK, null).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build());
  }

  HttpResponse<String> webhookQuery(Http http, String body, String query) {
    return http.send(http.request(WEBHOOK + "?" + query, null).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> signedWebhook(Http http, String body) {
    return signedWebhookBytes(http, body.getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> signedWebhookBytes(Http http, byte[] body) {
    return http.send(http.request(WEBHOOK, null).header("Content-Type", "application/json")
        .header("X-Hub-Signature", "sha256=" + HexFormat.of().formatHex(hmac(SECRET, body)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  static String sign(String body, String secret) {
    return HexFormat.of().formatHex(hmac(secret, body.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid completion of "Analyse case at Tier 1" with one variable replaced or added. */
  HttpResponse<String> completeWith(Http http, String path, String name, String value) {
    return http.postJson(path, agent(), completion(name, value));
  }

  static String completion(String name, String value) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(Tier1Variables.SYMPTOMS, text("Totals are wrong"));
    variables.put(Tier1Variables.REPRODUCED, text("NO"));
    variables.put(Tier1Variables.TIER1_FINDINGS, text("Could not reproduce with the customer's data"));
    variables.put(Tier1Variables.TIER1_OUTCOME, text("FEATURE_REQUEST"));
    variables.put(name, value);
    StringBuilder body = new StringBuilder("{\"variables\": {");
    variables.forEach((key, json) -> body.append(quote(key)).append(": ").append(json).append(", "));
    body.setLength(body.length() - 2);
    return body.append("}}").toString();
  }

  static String text(String value) {
    return "{\"value\": " + quote(value) + ", \"type\": \"String\"}";
  }

  static String javaObject(String base64) {
    return "{\"value\": \"" + base64 + "\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \"java.util.HashMap\","
        + " \"serializationDataFormat\": \"application/x-java-serialized-object\"}}";
  }

  static byte[] javaSerialized(Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  static String quote(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static boolean leaksNothing(String body) {
    return !body.contains("Exception:") && !body.contains("\tat ") && !body.contains("at org.")
        && !body.contains("at dev.") && !body.contains("ENGINE-") && !body.contains("<script");
  }

  static String abbreviate(String text) {
    return text == null || text.length() < 300 ? text : text.substring(0, 300) + "…";
  }
}
