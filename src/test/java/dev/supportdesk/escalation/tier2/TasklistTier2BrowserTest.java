package dev.supportdesk.escalation.tier2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.intake.CaseAttachments;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.TasklistFilters;
import dev.supportdesk.escalation.support.Browser;
import dev.supportdesk.escalation.support.CamundaForms;
import dev.supportdesk.escalation.support.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Tier 2 agent in a real browser: the investigation form shows the case's text verbatim in read-only
 * fields (a stack trace's {@code <init>} survives, Markdown stays text), and completing the form does not
 * write those fields back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:tasklist-tier2-browser;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class TasklistTier2BrowserTest {

  static final String AGENT = "tom.tier2";
  static final String SUMMARY = "Export to PDF fails with <init> in the trace";
  static final String DESCRIPTION = "java.lang.IllegalStateException: page buffer full\n"
      + "\tat com.example.Foo.<init>(Foo.java:12)\n\tat com.example.Export.run(Export.java:40)\n"
      + "**not bold** <b>not bold either</b>";
  static final String TIER1_FINDINGS = "Reproduced with a 60-page report; see _Foo.<init>_ above";

  @Autowired ProcessEngine engine;
  @Autowired CaseAttachments attachments;
  @LocalServerPort int port;
  ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.start();
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER2);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void investigationFormShowsTheCaseTextLiterallyAndDoesNotSubmitIt() {
    String reference = "CASE-2026-TIER2B";
    engine.getRuntimeService().startProcessInstanceByKey(Tier2Contract.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, SUMMARY, CaseVariables.DESCRIPTION, DESCRIPTION,
        CaseVariables.PRIORITY, "P1", "tier1Findings", TIER1_FINDINGS));
    // as if the customer had attached it; a name with markup proves the tab shows it as text
    String fileName = "<b>heap</b> dump.txt";
    attachments.insert(new CaseAttachments.AttachmentInfo("file-tier2b", fileName, "text/plain", 5, "ab12",
        "cora.customer", java.time.Instant.parse("2026-12-07T08:00:00Z")), reference,
        "heap\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Task task = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER2).singleResult(), t -> t != null);

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    try {
      Browser.logIn(browser, wait, port, "tasklist", AGENT);
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[normalize-space(text())='" + TasklistFilters.TIER2_QUEUE + "']"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[normalize-space(text())='" + task.getName() + "']"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']"))).click();
      WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
      wait.until(driver -> SUMMARY.equals(CamundaForms.field(driver, "Summary").getAttribute("value")));

      Map<String, WebElement> shown = new LinkedHashMap<>();
      for (String label : new String[] {"Summary", "Description", "Priority", "Tier 1 findings"}) {
        shown.put(label, CamundaForms.field(browser, label));
      }
      shown.forEach((label, field) -> System.out.println("TIER2 FORM " + label + " (disabled="
          + !field.isEnabled() + ") shows: " + field.getAttribute("value").replace("\n", "\\n").replace("\t", "\\t")));
      Long created = (Long) ((JavascriptExecutor) browser).executeScript(
          "return document.querySelector('.fjs-form').querySelectorAll('b, strong, em').length;");
      System.out.println("TIER2 FORM elements created from the case's text (b, strong, em): " + created);

      assertThat(shown.get("Summary").getAttribute("value")).isEqualTo(SUMMARY);
      assertThat(shown.get("Description").getAttribute("value")).isEqualTo(DESCRIPTION)
          .contains("Foo.<init>(Foo.java:12)");
      assertThat(shown.get("Priority").getAttribute("value")).isEqualTo("P1");
      assertThat(shown.get("Tier 1 findings").getAttribute("value")).isEqualTo(TIER1_FINDINGS);
      assertThat(shown.values()).noneMatch(WebElement::isEnabled);
      assertThat(created).isZero();
      // optional answers that do not exist yet are not shown as empty boxes
      assertThat(form.getText()).doesNotContain("Customer's reply", "Network operations' answer");
      Browser.screenshot(browser, "tasklist-tier2-form");

      // the customer's files, one tab away from the form
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Case files']"))).click();
      WebElement download = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.case-file-download")));
      assertThat(download.getText()).isEqualTo(fileName);
      assertThat(download.getAttribute("href")).endsWith("/tasks/" + task.getId() + "/attachments/file-tier2b");
      assertThat((Long) ((JavascriptExecutor) browser).executeScript(
          "return document.querySelectorAll('.case-files b').length;")).as("the file name rendered as markup").isZero();
      System.out.println("TIER2 CASE FILES tab lists: " + download.getText());
      Browser.screenshot(browser, "tasklist-case-files-tab");
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Form']"))).click();
      wait.until(driver -> SUMMARY.equals(CamundaForms.field(driver, "Summary").getAttribute("value")));

      // while the form is open the case's text changes (the customer edits it): completing the form must not
      // write the old text back, which it would if the read-only fields were submitted
      engine.getRuntimeService().setVariable(task.getProcessInstanceId(), CaseVariables.DESCRIPTION, "edited meanwhile");
      CamundaForms.type(browser, "Re-analysis", "Tier 1 evidence confirmed on 4.2.1");
      CamundaForms.choose(browser, "Yes");
      CamundaForms.type(browser, "Findings", "The renderer keeps every page in memory");
      CamundaForms.choose(browser, "Resolve");
      WebElement completeButton = browser.findElement(By.xpath("//button[normalize-space()='Complete']"));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", completeButton);
      wait.until(ExpectedConditions.elementToBeClickable(completeButton)).click();

      await().atMost(Duration.ofSeconds(20)).until(
          () -> engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 0);
      Map<String, Object> after = new LinkedHashMap<>();
      engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
          .list().forEach(v -> after.put(v.getName(), v.getValue()));
      long descriptionWrites = engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
          .processInstanceId(task.getProcessInstanceId()).list().stream()
          .filter(d -> CaseVariables.DESCRIPTION.equals(
              ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()))
          .count();
      System.out.println("TIER2 FORM after completion: description=" + after.get(CaseVariables.DESCRIPTION)
          + ", writes of description=" + descriptionWrites + ", tier2Findings=" + after.get(Tier2Contract.TIER2_FINDINGS));

      assertThat(after).containsEntry(CaseVariables.DESCRIPTION, "edited meanwhile")
          .containsEntry(CaseVariables.SUMMARY, SUMMARY)
          .containsEntry(Tier2Contract.TIER2_FINDINGS, "The renderer keeps every page in memory");
      assertThat(descriptionWrites).isEqualTo(2); // the start and the edit, none from the form
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(browser, "tasklist-tier2-failure");
      throw e;
    }
  }
}
