package dev.supportdesk.escalation.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.support.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The what-if page in a real browser: a process owner logs into Cockpit, opens "Decision replay", uploads the
 * edited CasePriority.dmn, picks the quarter and reads the P2→P1 move in the matrix and the chart; an auditor
 * reads that replay without a form to run one; a Tier 1 agent let into Cockpit is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:decision-replay-browser;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class DecisionReplayBrowserTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  ChromeDriver browser;

  @BeforeEach
  void casesAndBrowser() {
    ReplayProbeCases.users(engine);
    ReplayProbeCases.create(engine);
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void processOwnerUploadsAnEditAndSeesTheMatrixAuditorReadsItAgentIsRefused() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    long moved = ReplayProbeCases.inPeriod().stream().filter(ReplayProbeCases::movedByHighLowEdit).count();
    Path edited = Files.createTempFile("CasePriority-edited", ".dmn");
    Files.writeString(edited, ReplayProbeCases.highLowBecomesP1());
    try {
      Browser.logIn(browser, wait, port, "cockpit", ReplayProbeCases.OWNER);
      wait.until(ExpectedConditions.elementToBeClickable(By.id("decision-replay-navigation"))).click();
      WebElement file = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision-replay-file")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-replay-form")));
      file.sendKeys(edited.toString());
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#decision-replay-decision option[value='CasePriority']")));
      setDate("decision-replay-from", ReplayProbeCases.FROM);
      setDate("decision-replay-to", ReplayProbeCases.TO);
      browser.findElement(By.id("decision-replay-run")).click();

      WebElement cell = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#decision-replay-matrix td[data-from='P2'][data-to='P1']")));
      assertThat(cell.getText()).isEqualTo(String.valueOf(moved));
      assertThat(browser.findElement(By.id("decision-replay-changed")).getText())
          .startsWith(moved + " of " + ReplayProbeCases.IN_PERIOD + " changed");
      assertThat(text(browser.findElement(By.id("decision-replay-chart")))).contains("P2 → P1").contains(String.valueOf(moved));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision-replay-case-table")));
      assertThat(text(browser.findElement(By.id("decision-replay-case-table"))))
          .contains(ReplayProbeCases.reference(2)).contains("Rule_HighImpactLowUrgency");
      assertThat(browser.findElement(By.id("decision-replay-export")).getDomAttribute("href")).endsWith("/export");
      Browser.screenshot(browser, "decision-replay");

      browser.manage().deleteAllCookies();
      Browser.logIn(browser, wait, port, "cockpit", ReplayProbeCases.AUDITOR);
      wait.until(ExpectedConditions.elementToBeClickable(By.id("decision-replay-navigation"))).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-replay-readonly")));
      assertThat(browser.findElement(By.id("decision-replay-form")).isDisplayed()).isFalse();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#decision-replay-latest a[data-replay]"))).click();
      WebElement auditorCell = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#decision-replay-matrix td[data-from='P2'][data-to='P1']")));
      assertThat(auditorCell.getText()).isEqualTo(String.valueOf(moved));

      browser.manage().deleteAllCookies();
      Browser.logIn(browser, wait, port, "cockpit", ReplayProbeCases.AGENT_IN_COCKPIT);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".dashboard, [cam-widget-header], .ctn-main")));
      browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/decision-replay");
      WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-replay-error")));
      assertThat(refused.getText()).startsWith("Not allowed");
      assertThat(browser.findElement(By.id("decision-replay-form")).isDisplayed()).isFalse();
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(browser, "decision-replay-failure");
      Files.writeString(Path.of("target/screenshots/decision-replay-failure.html"), browser.getPageSource());
      throw e;
    } finally {
      Files.deleteIfExists(edited);
    }
  }

  /** Date inputs take typed text in the browser's locale format: set the ISO value directly. */
  private void setDate(String id, String isoDate) {
    browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)), isoDate);
  }

  private static String text(WebElement element) {
    return element.getDomProperty("textContent").replaceAll("\\s+", " ");
  }

}
