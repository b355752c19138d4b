package dev.supportdesk.escalation.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (.ci/run installs both). No test tool may
 * download a browser here, so the binaries are named explicitly and Selenium Manager never runs.
 */
public final class Browser {

  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browser() {}

  public static ChromeDriver start() {
    Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-quic", "--no-first-run", "--window-size=1400,1000",
          "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().implicitlyWait(Duration.ZERO);
      return driver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Logs into a Camunda webapp ({@code tasklist}, {@code cockpit}) through its login form. */
  public static void logIn(ChromeDriver driver, WebDriverWait wait, int port, String app, String user) {
    driver.get("http://localhost:" + port + "/camunda/app/" + app + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
        .sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(TestUsers.PASSWORD);
    driver.findElement(By.cssSelector("button[type='submit']")).click();
  }

  /** Saves what the browser shows, for a failing test's report or the README. */
  public static File screenshot(ChromeDriver driver, String name) {
    try {
      File target = new File("target/screenshots/" + name + ".png");
      target.getParentFile().mkdirs();
      Files.write(target.toPath(), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
