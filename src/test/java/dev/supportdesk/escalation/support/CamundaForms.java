package dev.supportdesk.escalation.support;

import java.time.Duration;
import org.openqa.selenium.By;
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
}
