package dev.supportdesk.escalation.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.Browser;
import dev.supportdesk.escalation.support.CamundaForms;
import dev.supportdesk.escalation.support.TestUsers;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * A Tier 1 agent opens a case on a customer's behalf in Tasklist ("Start process"), in a real browser:
 * the start form names the customer and asks for impact and urgency; the case's priority comes from them,
 * and the case is the customer's: in their list, and its mails go to them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:tasklist-open-case;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class TasklistOpenCaseBrowserTest {

  static final String AGENT = "olga.tier1";
  static final String SUMMARY = "Checkout is down for every shop";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.start();
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER1);
    CustomerFixtures.organisation(engine.getIdentityService(), "org-phone", "Phone Shop Ltd");
    CustomerFixtures.customer(engine.getIdentityService(), "paula.phone", "org-phone");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  long openedCases() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
        .variableValueEquals(CaseVariables.SUMMARY, SUMMARY).count();
  }

  @Test
  void caseOpenedInTasklistNeedsImpactAndUrgencyAndIsPrioritisedByThem() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    try {
      Browser.logIn(browser, wait, port, "tasklist", AGENT);
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='Support case']"))).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal .fjs-form")));

      CamundaForms.type(browser, "Customer: login or e-mail address", "paula.phone@example.com");
      CamundaForms.type(browser, "Summary", SUMMARY);
      CamundaForms.type(browser, "Description", "No order has gone through since 9:00 this morning.");
      By start = By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='Start']");
      wait.until(ExpectedConditions.elementToBeClickable(start)).click();
      // form-js refuses to submit: both selects say why, and no case is opened
      wait.until(driver -> driver.findElements(By.xpath(
          "//div[contains(@class,'fjs-form-field-select') and contains(@class,'fjs-has-errors')]")).size() == 2);
      assertThat(openedCases()).isZero();

      CamundaForms.select(browser, "Impact", "Critical: the business is halted");
      CamundaForms.select(browser, "Urgency", "High: today");
      Browser.screenshot(browser, "tasklist-open-case-form");
      WebElement startButton = wait.until(ExpectedConditions.elementToBeClickable(start));
      startButton.click();

      ProcessInstance opened = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService()
          .createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
          .variableValueEquals(CaseVariables.SUMMARY, SUMMARY).singleResult(), instance -> instance != null);
      assertThat(engine.getRuntimeService().getVariable(opened.getId(), CaseVariables.IMPACT)).isEqualTo("CRITICAL");
      assertThat(engine.getRuntimeService().getVariable(opened.getId(), CaseVariables.URGENCY)).isEqualTo("HIGH");
      await().atMost(Duration.ofSeconds(30)).until(
          () -> engine.getRuntimeService().getVariable(opened.getId(), CaseVariables.PRIORITY), "P0"::equals);
      assertThat(engine.getRuntimeService().getVariable(opened.getId(), CaseVariables.CUSTOMER_ID))
          .isEqualTo("paula.phone");
      assertThat(engine.getRuntimeService().getVariable(opened.getId(), CaseVariables.OPENED_BY)).isEqualTo(AGENT);
      java.net.http.HttpResponse<String> list = new dev.supportdesk.escalation.support.Http(port)
          .get("/api/cases", dev.supportdesk.escalation.support.Http.basic("paula.phone", TestUsers.PASSWORD));
      assertThat(list.body()).as("the customer sees the case the agent opened for her")
          .contains(opened.getBusinessKey()).contains(SUMMARY);
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(browser, "tasklist-open-case-failure");
      try {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/screenshots/tasklist-open-case-failure.html"),
            browser.getPageSource());
      } catch (java.io.IOException ignored) {
        // the screenshot is enough
      }
      throw e;
    }
  }
}
