package dev.supportdesk.escalation.customer.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.audit.CaseRecordService;
import dev.supportdesk.escalation.intake.CaseSatisfaction;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.supportdesk.escalation.feature.FeatureRequestContract;
import dev.supportdesk.escalation.feature.FeatureRequestVariables;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle;
import dev.supportdesk.escalation.knowledge.KnowledgeBase;
import dev.supportdesk.escalation.knowledge.ReleaseNotes;
import dev.supportdesk.escalation.support.ProcessJobs;
import dev.supportdesk.escalation.support.Smtp;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import dev.supportdesk.escalation.intake.SharedAccessService;
import dev.supportdesk.escalation.security.Customer;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.Axe;
import dev.supportdesk.escalation.support.Browser;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.support.Tier1Answers;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scope 3, the Support Center in headless Chromium: a customer signs in, opens a case, finds it in the list,
 * answers support's question and accepts the resolution; a customer of another organisation never sees the
 * case (list, URL, guessed reference); a colleague sees it only once shared access is granted. Hostile input
 * (markup, oversized text, a forged CSRF token) is refused with a message and nothing stored. Every page has
 * no serious or critical axe-core violation, also at phone width; each page's screenshot lands in
 * target/screenshots (README's pictures come from there).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:support-center-browser;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class SupportCenterBrowserTest {

  @RegisterExtension static final Smtp smtp = new Smtp();

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  static final String ALICE = "alice.portal";
  static final String CAROL = "carol.portal";
  static final String BOB = "bob.elsewhere";
  static final String AGENT = "tom.portal.tier1";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired SharedAccessService sharedAccess;
  @Autowired CaseSatisfaction satisfaction;
  @Autowired CaseRecordService caseRecords;
  @Autowired KnowledgeBase knowledge;
  @Autowired ReleaseNotes releaseNotes;
  @LocalServerPort int port;
  ChromeDriver driver;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    CustomerFixtures.organisation(engine.getIdentityService(), "org-portal-a", "Acme Portal GmbH");
    CustomerFixtures.organisation(engine.getIdentityService(), "org-portal-b", "Other Ltd");
    CustomerFixtures.customer(engine.getIdentityService(), ALICE, "org-portal-a");
    CustomerFixtures.customer(engine.getIdentityService(), CAROL, "org-portal-a");
    CustomerFixtures.customer(engine.getIdentityService(), BOB, "org-portal-b");
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER1);
    driver = Browser.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void aCustomerOpensFollowsAnswersAndClosesTheirCaseAndNobodyElseSeesIt() {
    // an agent's login is not a customer login
    logIn(AGENT);
    assertThat(text("[role=alert]")).contains("Wrong user or password");
    accessible("portal-login");

    logIn(ALICE);
    wait.until(ExpectedConditions.urlContains("/portal/cases"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("My cases");
    assertThat(text("main")).contains("No case matches.");

    // hostile input is refused in words, nothing stored
    int before = cases();
    open("<script>alert('x')</script> export fails", "The export fails.", "Data Export");
    assertThat(text("[role=alert]")).contains("Summary");
    assertThat(driver.findElement(By.id("summary")).getAttribute("value")).contains("<script>");
    driver.executeScript("document.getElementById('summary').value = 'Export fails';"
        + "document.getElementById('description').value = 'x'.repeat(20001);");
    submit(By.cssSelector("main form button[type=submit]"));
    assertThat(text("[role=alert]")).contains("Description");
    driver.get(url("/portal/cases/new"));
    driver.findElement(By.id("summary")).sendKeys("Export fails");
    driver.findElement(By.id("description")).sendKeys("The export fails.");
    driver.executeScript("document.querySelector('main form input[name=_csrf]').value = 'forged';");
    submit(By.cssSelector("main form button[type=submit]"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This form has expired");
    assertThat(cases()).isEqualTo(before);

    // the case is opened through the form and shows in the list
    driver.get(url("/portal/cases/new"));
    accessible("portal-new-case");
    driver.findElement(By.id("recentChanges")).sendKeys("Upgraded to 4.2 last week");
    new Select(driver.findElement(By.id("impact"))).selectByValue("HIGH");
    open("CSV export stops after 60 seconds", "Exporting the monthly report to CSV stops after one minute.",
        "Data Export");
    assertThat(text("[role=status]")).contains("We received your case");
    String reference = driver.findElement(By.cssSelector("h1 span")).getText();
    assertThat(reference).startsWith("CASE-");
    assertThat(cases()).isEqualTo(before + 1);
    assertThat(jdbc.queryForObject("SELECT recent_changes FROM customer_case WHERE reference = ?", String.class,
        reference)).isEqualTo("Upgraded to 4.2 last week");
    driver.get(url("/portal/cases"));
    assertThat(text("table")).contains(reference).contains("CSV export stops after 60 seconds");
    new Select(driver.findElement(By.id("state"))).selectByValue("CLOSED");
    submit(By.cssSelector("form.filters button"));
    assertThat(text("main")).contains("No case matches.").doesNotContain(reference);
    driver.get(url("/portal/cases?state=ALL&q=" + reference.substring(5)));
    assertThat(text("table")).contains(reference);
    accessible("portal-cases");

    // support asks a question; the customer reads it in the case and answers in the reply box
    work(reference, Tier1Variables.TASK_ANALYSE_AT_TIER1, tier1("ESCALATE_TO_TIER2"));
    work(reference, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2("REQUEST_INFORMATION",
        Tier2Variables.INFORMATION_REQUEST, "Which database server does the export read from?"));
    driver.get(url("/portal/cases/" + reference));
    assertThat(text(".status")).isEqualTo("Waiting for you");
    assertThat(text("main")).contains("First answer within 4 working hours: met on");
    assertThat(text("#conversation")).contains("Which database server does the export read from?");
    accessible("portal-case");
    driver.findElement(By.id("text")).sendKeys("PostgreSQL 15 on a separate host.");
    submit(By.cssSelector("#reply button"));
    assertThat(text("[role=status]")).contains("Your message was sent");
    assertThat(text("#conversation")).contains("PostgreSQL 15 on a separate host.");
    executeJobs();
    assertThat(task(reference, Tier2Variables.TASK_INVESTIGATE_AT_TIER2)).as("Tier 2 has the answer").isNotNull();

    // another organisation's customer: not in the list, not by URL, not by guessing
    logOut();
    logIn(BOB);
    assertThat(text("main")).doesNotContain(reference);
    driver.get(url("/portal/cases/" + reference));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Case not found");
    driver.get(url("/portal/cases/CASE-2026-ZZZZZZ"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Case not found");
    accessible("portal-not-found");
    driver.get(url("/portal/cases/..%2F..%2Fetc"));
    assertThat(text("body")).doesNotContain("CSV export stops");
    logOut();

    // a colleague of the same organisation sees it only once shared access is granted, and may not write
    logIn(CAROL);
    assertThat(text("main")).doesNotContain(reference);
    driver.get(url("/portal/cases/" + reference));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Case not found");
    var request = sharedAccess.request(new Customer(CAROL, "Carol", CAROL + "@example.com", "org-portal-a",
        "Acme Portal GmbH"), "We share the support work in our team");
    sharedAccess.grant(request.id(), "org-portal-a", "lena.tier2lead", "Approved for the team");
    driver.get(url("/portal/cases"));
    assertThat(text("table")).contains(reference);
    driver.get(url("/portal/cases/" + reference));
    assertThat(driver.findElements(By.id("reply"))).isEmpty();
    assertThat(text("main")).contains("Only the colleague who reported this case can write to it.");
    logOut();

    // Tier 2 resolves, Tier 1 proposes the resolution; the customer accepts it in the case
    work(reference, Tier2Variables.TASK_INVESTIGATE_AT_TIER2, tier2("RESOLVE"));
    work(reference, Tier1Variables.TASK_COMMUNICATE_RESOLUTION, Map.of(Tier1Variables.RESOLUTION_TEXT,
        "Raise export.timeout to 300 seconds under Settings > Data Export."));
    logIn(ALICE);
    driver.get(url("/portal/cases/" + reference));
    assertThat(text("#conversation")).contains("Raise export.timeout to 300 seconds");
    driver.findElement(By.cssSelector("#resolution button")).click();
    assertThat(driver.findElement(By.id("accept-yes")).getAttribute("validationMessage")).isNotEmpty();
    driver.findElement(By.cssSelector("label[for=accept-yes]")).click();
    driver.findElement(By.cssSelector("label[for=rating-5]")).click();
    driver.findElement(By.id("comment")).sendKeys("Quick and clear, thank you.");
    submit(By.cssSelector("#resolution button"));
    assertThat(text("[role=status]")).contains("Thank you");
    // the rating is kept with the case, and auditors read it in the case's record
    assertThat(satisfaction.of(reference)).singleElement().satisfies(rated -> {
      assertThat(rated.rating()).isEqualTo(5);
      assertThat(rated.comment()).isEqualTo("Quick and clear, thank you.");
      assertThat(rated.customerId()).isEqualTo(ALICE);
    });
    assertThat(caseRecords.record(reference).orElseThrow().timeline())
        .filteredOn(entry -> entry.kind().equals("SATISFACTION"))
        .extracting(entry -> entry.title()).containsExactly("Customer satisfaction: 5 of 5");
    executeJobs();
    driver.get(url("/portal/cases/" + reference));
    assertThat(text(".status")).isEqualTo("Closed");
    assertThat(driver.findElements(By.id("reply"))).as("a closed case takes no more messages").isEmpty();

    // a phone's width: the same pages, still accessible
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.get(url("/portal/cases?state=ALL"));
    accessible("portal-cases-phone");
    driver.get(url("/portal/cases/" + reference));
    accessible("portal-case-phone");
    logOut();
    assertThat(driver.getCurrentUrl()).contains("/portal/login?logout");
    driver.get(url("/portal/cases"));
    wait.until(ExpectedConditions.urlContains("/portal/login"));
  }

  @Test
  void aCustomerResetsTheirPasswordReadsSuggestionsAttachesAFileFollowsReleaseNotesAndAsksForSharedAccess()
      throws Exception {
    String dana = "dana.portal";
    CustomerFixtures.customer(engine.getIdentityService(), dana, "org-portal-b");

    // forgotten password: the same answer for a known and an unknown address; the link works once
    driver.get(url("/portal/login"));
    driver.findElement(By.linkText("Forgot your password?")).click();
    accessible("portal-password-reset");
    driver.findElement(By.id("email")).sendKeys("nobody@example.com");
    submit(By.cssSelector("main form button[type=submit]"));
    String answer = text("[role=status]");
    driver.get(url("/portal/password-reset"));
    driver.findElement(By.id("email")).sendKeys(dana + "@example.com");
    submit(By.cssSelector("main form button[type=submit]"));
    assertThat(text("[role=status]")).isEqualTo(answer);
    executeJobs();
    MimeMessage[] mails = smtp.received();
    List<MimeMessage> resets = Arrays.stream(mails).filter(m -> subject(m).contains("Reset your Support Center password"))
        .toList();
    assertThat(resets).as("one link, to the known address only").hasSize(1);
    assertThat(resets.get(0).getAllRecipients()[0].toString()).isEqualTo(dana + "@example.com");
    String link = GreenMailUtil.getBody(resets.get(0)).lines().filter(line -> line.contains("/portal/password-reset/"))
        .findFirst().orElseThrow().strip();
    String path = link.substring(link.indexOf("/portal/password-reset/"));
    driver.get(url(path));
    accessible("portal-password-new");
    driver.findElement(By.id("password")).sendKeys("weakweakweak");
    driver.findElement(By.id("repeated")).sendKeys("weakweakweak");
    submit(By.cssSelector("main form button[type=submit]"));
    assertThat(text("[role=alert]")).contains("too weak");
    String fresh = "New-Horse-Battery-7!";
    driver.findElement(By.id("password")).sendKeys(fresh);
    driver.findElement(By.id("repeated")).sendKeys(fresh);
    submit(By.cssSelector("main form button[type=submit]"));
    assertThat(text("[role=status]")).contains("Your new password is saved");
    assertThat(engine.getIdentityService().checkPassword(dana, fresh)).isTrue();
    driver.get(url(path));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This link is invalid or has expired");
    driver.get(url("/portal/login"));
    driver.findElement(By.id("username")).sendKeys(dana);
    driver.findElement(By.id("password")).sendKeys(fresh);
    submit(By.cssSelector("main form button[type=submit]"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("My cases");

    // published articles are suggested while the summary is typed, and readable in the Support Center
    KnowledgeArticle article = knowledge.write(new KnowledgeArticle.Draft("Export to PDF stops with a timeout",
        "Large PDF exports stop after 60 seconds. Raise export.timeout to 300 seconds.", "Reporting",
        List.of("export", "pdf", "timeout"), KnowledgeArticle.Visibility.CUSTOMERS, KnowledgeArticle.State.PUBLISHED),
        AGENT, null);
    driver.get(url("/portal/cases/new"));
    driver.findElement(By.id("summary")).sendKeys("PDF export times out");
    WebElement suggestion = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions a")));
    assertThat(suggestion.getText()).isEqualTo(article.title());
    accessible("portal-new-case-suggestions");
    driver.get(url("/portal/knowledge/" + article.reference()));
    assertThat(text("main")).contains("Raise export.timeout to 300 seconds.");
    accessible("portal-article");
    driver.get(url("/portal/cases/new"));
    open("PDF export of 80 pages stops", "The PDF export stops after a minute.", "Reporting");
    String reference = driver.findElement(By.cssSelector("h1 span")).getText();

    // a file for support: refused types and empty uploads say why, a log file is kept
    java.nio.file.Path log = java.nio.file.Files.createTempFile("export", ".log");
    java.nio.file.Files.writeString(log, "ERROR export timeout after 60000 ms\n");
    java.nio.file.Path exe = java.nio.file.Files.createTempFile("tool", ".exe");
    java.nio.file.Files.writeString(exe, "MZ");
    driver.findElement(By.id("file")).sendKeys(exe.toString());
    submit(By.cssSelector("#files button"));
    assertThat(text("[role=alert]")).isNotBlank();
    driver.findElement(By.id("file")).sendKeys(log.toString());
    submit(By.cssSelector("#files button"));
    assertThat(text("[role=status]")).contains("Your file was added");
    assertThat(text("#files")).contains(log.getFileName().toString());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_attachment WHERE case_reference = ?", Integer.class,
        reference)).isOne();

    // a feature request's quote: the customer reads scope and price in the case and approves it there
    driver.get(url("/portal/cases/new"));
    driver.findElement(By.cssSelector("label[for=type-feature]")).click();
    open("Export reports as XLSX", "Finance needs XLSX exports of every report.", "Reporting");
    String feature = driver.findElement(By.cssSelector("h1 span")).getText();
    var quoted = engine.getRuntimeService().createProcessInstanceByKey(FeatureRequestContract.PROCESS_ID)
        .businessKey(feature).startBeforeActivity(FeatureRequestVariables.TASK_NOTIFY_QUOTE)
        .setVariables(Map.of(FeatureRequestVariables.FEATURE_SCOPE, "XLSX export of every report, with formatting",
            FeatureRequestVariables.COST_ESTIMATE, 4800.0, "summary", "Export reports as XLSX"))
        .execute();
    executeJobs();
    driver.get(url("/portal/cases/" + feature));
    assertThat(text("#quote")).contains("XLSX export of every report, with formatting").contains("4,800.00");
    accessible("portal-case-quote");
    driver.findElement(By.cssSelector("label[for=quote-yes]")).click();
    driver.findElement(By.id("quote-comment")).sendKeys("Approved by our finance lead.");
    submit(By.cssSelector("#quote button"));
    assertThat(text("[role=status]")).contains("we schedule the work");
    assertThat(driver.findElements(By.id("quote"))).as("answered once").isEmpty();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(quoted.getId())
        .variableName(dev.supportdesk.escalation.casefile.CaseMessages.QUOTE_APPROVED).singleResult().getValue())
        .isEqualTo(true);

    // release notes: follow a product, stop following
    long note = releaseNotes.noteFor("Reporting", "4.3.0");
    releaseNotes.addEntry(note, ReleaseNotes.EntryKind.TICKET, "ENG-77", "PDF exports no longer time out.");
    releaseNotes.post(note);
    driver.get(url("/portal/release-notes"));
    assertThat(text("main")).contains("PDF exports no longer time out.").contains("Reporting 4.3.0");
    driver.findElement(By.id("product")).sendKeys("Reporting");
    submit(By.cssSelector("main form.filters button"));
    assertThat(text("[role=status]")).contains("You follow the release notes of Reporting");
    assertThat(releaseNotes.followed(dana)).containsExactly("Reporting");
    accessible("portal-release-notes");
    driver.findElement(By.id("product")).sendKeys("<b>x</b>");
    submit(By.cssSelector("main form.filters button"));
    assertThat(text("[role=alert]")).contains("Product");
    submit(By.cssSelector("main form button.quiet"));
    assertThat(releaseNotes.followed(dana)).isEmpty();

    // shared access for the organisation: asked once, with a reason; a lead decides
    driver.get(url("/portal/organisation"));
    accessible("portal-organisation");
    driver.findElement(By.cssSelector("main form button")).click();
    assertThat(driver.findElement(By.id("reason")).getAttribute("validationMessage")).as("a reason is needed")
        .isNotEmpty();
    driver.executeScript("document.getElementById('reason').removeAttribute('required');");
    submit(By.cssSelector("main form button"));
    assertThat(text("[role=alert]")).contains("Tell us why");
    driver.findElement(By.id("reason")).sendKeys("Our whole team follows the export problems.");
    submit(By.cssSelector("main form button"));
    assertThat(text("[role=status]")).contains("Your request was sent");
    assertThat(text("main")).contains("A request is waiting for a decision");
    assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup(Groups.TIER2_LEADS).count()).isOne();
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject() == null ? "" : message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Clicks the form's button and waits until the answer replaced the page. */
  void submit(By button) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(button).click();
    // chromedriver reports a replaced document as stale or, while it swaps, as a node outside the document
    wait.until(d -> {
      try {
        page.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException gone) {
        return true;
      }
    });
    wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
  }

  void accessible(String page) {
    Browser.screenshot(driver, page);
    List<String> violations = Axe.seriousViolations(driver);
    assertThat(violations).as("axe-core on " + page).isEmpty();
  }

  void logIn(String user) {
    driver.get(url("/portal/login"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
    submit(By.cssSelector("main form button[type=submit]"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
  }

  void logOut() {
    driver.get(url("/portal/cases"));
    submit(By.cssSelector("form.logout button"));
    wait.until(ExpectedConditions.urlContains("/portal/login"));
  }

  void open(String summary, String description, String product) {
    if (!driver.getCurrentUrl().endsWith("/portal/cases/new")) {
      driver.get(url("/portal/cases/new"));
    }
    WebElement field = driver.findElement(By.id("summary"));
    field.clear();
    field.sendKeys(summary);
    driver.findElement(By.id("description")).sendKeys(description);
    driver.findElement(By.id("product")).sendKeys(product);
    submit(By.cssSelector("main form button[type=submit]"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
  }

  String text(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getText();
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  int cases() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM customer_case", Integer.class);
  }

  Task task(String reference, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key)
        .singleResult();
  }

  void work(String reference, String key, Map<String, Object> variables) {
    executeJobs();
    engine.getTaskService().complete(task(reference, key).getId(), variables);
    executeJobs();
  }

  void executeJobs() {
    ProcessJobs.executeDueJobs(engine.getManagementService());
  }

  static Map<String, Object> tier1(String outcome) {
    return Tier1Answers.analysis(outcome);
  }

  static Map<String, Object> tier2(String nextAction, Object... more) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(Tier2Variables.REANALYSIS, "Re-ran the export with tracing");
    v.put(Tier2Variables.REPLICATED_IN_TEST_ENVIRONMENT, "YES");
    v.put(Tier2Contract.TIER2_FINDINGS, "The export query runs into the proxy timeout.");
    v.put(Tier2Variables.NEXT_ACTION, nextAction);
    for (int i = 0; i < more.length; i += 2) {
      v.put((String) more[i], more[i + 1]);
    }
    return v;
  }
}
