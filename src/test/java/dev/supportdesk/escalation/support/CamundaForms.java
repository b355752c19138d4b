package dev.supportdesk.escalation.support;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Finds Camunda Form (form-js) fields the way an agent does: by their label. */
public final class CamundaForms {

  private CamundaForms() {}

  /** The input a label belongs to; form-js appends an asterisk to required fields' labels. */
  public static WebElement field(WebDriver browser, String label) {
    WebElement labelElement = new WebDriverWait(browser, Duration.ofSeconds(20)).until(
        ExpectedConditions.visibilityOfElementLocated(By.xpath(
            "//label[contains(@class,'fjs-form-field-label') and (normalize-space()='" + label
                + "' or normalize-space()='" + label + "*')]")));
    return browser.findElement(By.id(labelElement.getAttribute("for")));
  }

  public static void type(WebDriver browser, String label, String text) {
    WebElement input = field(browser, label);
    input.clear();
    input.sendKeys(text);
  }

  /**
   * Picks the option of a radio group by its visible label, as an agent clicks it, and waits until the
   * form shows it checked (form-js debounces text input: a click right after typing can be lost, so
   * an unchecked option is clicked again).
   */
  public static void choose(WebDriver browser, String optionLabel) {
    By option = By.xpath("//label[normalize-space()='" + optionLabel + "']");
    for (int attempt = 0; attempt < 3; attempt++) {
      WebElement label = new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(ExpectedConditions.presenceOfElementLocated(option));
      // Tasklist's fixed footer covers the bottom of a long form
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", label);
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(label)).click();
      try {
        new WebDriverWait(browser, Duration.ofSeconds(3)).until(
            ExpectedConditions.attributeContains(option, "class", "fjs-checked"));
        return;
      } catch (org.openqa.selenium.TimeoutException notYet) {
        // clicked while the form re-rendered: click again
      }
    }
    throw new AssertionError("Option '" + optionLabel + "' stays unchecked");
  }

  /**
   * Picks an option of a select field by its visible label, as an agent does: opens the field's
   * dropdown (form-js opens it on mouse-down) and clicks the option, then waits until the field shows it.
   */
  public static void select(WebDriver browser, String label, String optionLabel) {
    WebElement group = field(browser, label).findElement(By.xpath("./ancestor::div[contains(@class,'fjs-input-group')]"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", group);
    By option = By.xpath("//div[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + optionLabel + "']");
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(group)).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(option)).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> optionLabel.equals(
        group.findElement(By.cssSelector(".fjs-select-display")).getText().strip()));
  }

}
