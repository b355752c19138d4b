package dev.supportdesk.escalation.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (Deque's accessibility engine, from package.json's devDependencies: {@code npm ci}) run in the page
 * the browser shows; the serious and critical violations as readable lines.
 */
public final class Axe {

  static final Path SCRIPT = Path.of("node_modules/axe-core/axe.min.js");

  private Axe() {}

  public static List<String> seriousViolations(ChromeDriver driver) {
    if (!Files.isReadable(SCRIPT)) {
      throw new IllegalStateException(SCRIPT + " is missing: run `npm ci` (.ci/run does) before the tests");
    }
    try {
      driver.executeScript(Files.readString(SCRIPT));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
          + ".catch(e => done(JSON.stringify([{impact: 'critical', id: 'axe-error', help: String(e), nodes: []}])));");
      List<String> serious = new ArrayList<>();
      for (JsonNode violation : new ObjectMapper().readTree(result.toString())) {
        String impact = violation.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> targets = new ArrayList<>();
          violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
          serious.add(impact + " " + violation.path("id").asText() + ": " + violation.path("help").asText() + " " + targets);
        }
      }
      return serious;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
