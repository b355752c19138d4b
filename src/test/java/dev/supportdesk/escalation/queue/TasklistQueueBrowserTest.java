package dev.supportdesk.escalation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.TasklistFilters;
import dev.supportdesk.escalation.support.Browser;
import dev.supportdesk.escalation.support.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A Tier 1 agent tells three cases apart in the queue itself, the most urgent first. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:tasklist-queue-browser;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class TasklistQueueBrowserTest {

  static final String AGENT = "quinn.tier1";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.start();
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER1);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theTier1QueueListsEachCasesReferenceSummaryAndPriorityMostUrgentFirst() throws Exception {
    openCase("CASE-2026-QUEUE3", "LOW", "LOW", "Question about licence renewal", "Initech");
    openCase("CASE-2026-QUEUE1", "HIGH", "MEDIUM", "Export to PDF fails <img src=x onerror=alert(1)>", "Acme Ltd");
    openCase("CASE-2026-QUEUE0", "HIGH", "HIGH", "Production halted after upgrade", "Globex");

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    try {
      Browser.logIn(browser, wait, port, "tasklist", AGENT);
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[normalize-space(text())='" + TasklistFilters.TIER1_QUEUE + "']"))).click();
      wait.until(d -> taskItems().size() == 3 && taskItems().get(2).getText().contains("CASE-2026-QUEUE3"));
      Browser.screenshot(browser, "tasklist-queue");

      // what the agent sees without a click: the first two columns of each task
      List<String> items = taskItems().stream().map(WebElement::getText).toList();
      assertThat(items.get(0)).contains("CASE-2026-QUEUE0 · Production halted after upgrade", "P0");
      assertThat(items.get(1)).contains("CASE-2026-QUEUE1 · Export to PDF fails <img src=x onerror=alert(1)>", "P1");
      assertThat(items.get(2)).contains("CASE-2026-QUEUE3 · Question about licence renewal", "P3");
      // nothing of it is hidden behind an ellipsis or a collapsed card
      assertThat(browser.findElements(By.cssSelector("ol.tasks-list .variable-value")))
          .hasSizeGreaterThanOrEqualTo(9)
          .allSatisfy(value -> assertThat(fullyShown(value)).as(value.getText()).isTrue());
      // the customer's markup is shown as text, never rendered
      assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
      // the Camunda 8 migration notice is not shown to agents
      assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")))
          .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(browser, "tasklist-queue-failure");
      Files.writeString(Path.of("target/screenshots/tasklist-queue-failure.html"), browser.getPageSource());
      throw e;
    }
  }

  private boolean fullyShown(WebElement element) {
    return (Boolean) browser.executeScript("const e = arguments[0], card = e.closest('.task-card-details');"
        + "const r = e.getBoundingClientRect(), c = card.getBoundingClientRect();"
        + "const clipped = x => x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflow !== 'visible';"
        + "return !clipped(e) && !clipped(e.parentElement) && r.bottom <= c.bottom + 1 && r.height > 0;", element);
  }

  private List<WebElement> taskItems() {
    return browser.findElements(By.cssSelector("ol.tasks-list > li"));
  }

  private void openCase(String reference, String impact, String urgency, String summary, String organisation) {
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, summary, CaseVariables.DESCRIPTION, "Seen since Monday",
        CaseVariables.IMPACT, impact, CaseVariables.URGENCY, urgency,
        CaseVariables.ORGANISATION_NAME, organisation));
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER1).count() == 1);
  }
}
