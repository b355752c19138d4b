package dev.supportdesk.escalation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.support.Browser;
import dev.supportdesk.escalation.support.TestUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An auditor in a real browser: logs into Cockpit, opens "Case audit" from the navigation, finds a
 * closed case by its reference, reads its timeline with the decision and the SLA outcome, sees the
 * path taken and downloads the case's export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:case-audit-browser;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false",
    "support.audit.process-definition-key=" + AuditProbeCases.PROCESS})
@org.springframework.context.annotation.Import(FixedSlaRecords.InTests.class)
class CaseAuditBrowserTest {


  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  ChromeDriver browser;
  Path downloads;

  @BeforeEach
  void casesAndBrowser() throws IOException {
    browser = Browser.start();
    downloads = Files.createTempDirectory("case-audit-downloads");
    browser.executeCdpCommand("Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    AuditProbeCases.deployAndCreateUsers(engine);
    AuditProbeCases.closedCase(engine, jdbc);
    AuditProbeCases.start(engine, AuditProbeCases.RUNNING, "LOW", "org-globex", "P3");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void auditorFindsAClosedCaseReadsItsTimelineAndDownloadsItsRecord() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    try {
      Browser.logIn(browser, wait, port, "cockpit", AuditProbeCases.AUDITOR);

      // the dashboard tile counts the cases in the history
      wait.until(ExpectedConditions.textToBe(By.id("case-audit-finished"), "1"));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("case-audit-navigation"))).click();

      WebElement reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("case-audit-reference")));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#case-audit-state option[value='COMPLETED']")));
      reference.sendKeys(AuditProbeCases.CLOSED);
      new Select(browser.findElement(By.id("case-audit-state"))).selectByValue("COMPLETED");
      browser.findElement(By.id("case-audit-search")).click();
      wait.until(ExpectedConditions.textToBe(By.id("case-audit-count"), "1 case"));
      Browser.screenshot(browser, "case-audit-search");
      wait.until(ExpectedConditions.elementToBeClickable(By.linkText(AuditProbeCases.CLOSED))).click();

      // Cockpit scrolls its content pane: read the text of rows below the fold from the DOM
      WebElement decision = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
          "//table[contains(@class,'ca-timeline')]//tr[.//td[normalize-space()='Decision: Audit probe severity']]")));
      assertThat(text(decision)).contains("Impact = HIGH").contains("severity = CRITICAL");
      assertThat(browser.findElement(By.id("case-audit-sla-outcome")).getText()).isEqualTo("BREACHED");
      assertThat(text(browser.findElement(By.cssSelector("table.ca-timeline"))))
          .contains("Review case").contains(AuditProbeCases.AGENT)
          .contains("SLA breached: RESOLUTION")
          .contains("Variable changed: priority = P1 (was P2)")
          .contains(AuditProbeCases.COMMENT)
          .contains("Incident (mailDelivery)");
      assertThat(text(browser.findElement(By.cssSelector("table.ca-operations"))))
          .contains(AuditProbeCases.OPERATOR).contains("SetVariable");
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("polyline.ca-taken[data-element-id='Flow_Critical']")));
      assertThat(browser.findElements(By.cssSelector("polyline.ca-taken[data-element-id='Flow_NotCritical']"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("g.ca-visited[data-element-id='Task_ReviewCase']"))).hasSize(1);

      browser.manage().window().setSize(new Dimension(1400, 1500));
      Browser.screenshot(browser, "case-audit-case");

      WebElement export = browser.findElement(By.id("case-audit-export-case-json"));
      browser.executeScript("arguments[0].scrollIntoView()", export);
      export.click();
      Path exported = downloads.resolve("case-" + AuditProbeCases.CLOSED + ".json");
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(exported) && Files.size(exported) > 0);
      JsonNode record = new ObjectMapper().readTree(exported.toFile());
      assertThat(record.at("/summary/reference").asText()).isEqualTo(AuditProbeCases.CLOSED);
      assertThat(record.at("/decisions/0/outputs/0/value").asText()).isEqualTo("CRITICAL");
      assertThat(record.at("/sla/1/outcome").asText()).isEqualTo("BREACHED");
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(browser, "case-audit-failure");
      Files.writeString(Path.of("target/screenshots/case-audit-failure.html"), browser.getPageSource());
      throw e;
    }
  }

  private static String text(WebElement element) {
    return element.getDomProperty("textContent").replaceAll("\\s+", " ");
  }
}
