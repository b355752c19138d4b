package dev.supportdesk.escalation.tier1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.TasklistFilters;
import dev.supportdesk.escalation.support.Browser;
import dev.supportdesk.escalation.support.CamundaForms;
import dev.supportdesk.escalation.support.TestUsers;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
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

/** A Tier 1 agent in a real browser: logs into Tasklist, opens the queue's task, completes its form. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:tasklist-browser;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class TasklistTier1BrowserTest {

  static final String AGENT = "tina.tier1";

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
  void tier1AgentCompletesTheAnalysisFormInTasklist() {
    String reference = "CASE-2026-BROWSR";
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, "Export to PDF fails", CaseVariables.DESCRIPTION, "Reports over 50 pages time out"));
    Task task = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER1).singleResult(), t -> t != null);

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    try {
      Browser.logIn(browser, wait, port, "tasklist", AGENT);

      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[normalize-space(text())='" + TasklistFilters.TIER1_QUEUE + "']")))
          .click();
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[normalize-space(text())='" + task.getName() + "']"))).click();

      // an unclaimed task's form is read-only until the agent claims it
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']"))).click();
      WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
      // the customer's text shows in read-only fields, verbatim
      assertThat(CamundaForms.field(browser, "Summary").getAttribute("value")).isEqualTo("Export to PDF fails");
      assertThat(form.isDisplayed()).isTrue();
      CamundaForms.type(browser, "Symptoms", "Export stops after 60 seconds");
      CamundaForms.choose(browser, "No");
      CamundaForms.type(browser, "Findings", "Reproduced with a 60-page report; timeout at 60 s.");
      CamundaForms.choose(browser, "Feature, custom or integration request");
      Browser.screenshot(browser, "tasklist-tier1-form");

      WebElement completeButton = browser.findElement(By.xpath("//button[normalize-space()='Complete']"));
      // the form is longer than the window: Tasklist's fixed footer would take the click
      ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
          "arguments[0].scrollIntoView({block: 'center'});", completeButton);
      wait.until(ExpectedConditions.elementToBeClickable(completeButton)).click();

      await().atMost(Duration.ofSeconds(20)).until(
          () -> engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 0);
      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
          .getAssignee()).isEqualTo(AGENT);
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
          .processInstanceId(task.getProcessInstanceId()).variableName("tier1Findings").singleResult().getValue())
          .isEqualTo("Reproduced with a 60-page report; timeout at 60 s.");
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(browser, "tasklist-tier1-failure");
      try {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/screenshots/tasklist-tier1-failure.html"),
            browser.getPageSource());
      } catch (java.io.IOException ignored) {
        // the screenshot is enough
      }
      throw e;
    }
  }
}
