package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.support.AppRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** No default password anywhere: the administrator's is configured or generated and shown once. */
@ExtendWith(OutputCaptureExtension.class)
class AdministratorBootstrapTest {

  static final Pattern GENERATED = Pattern.compile("Created administrator 'admin' with generated password: (\\S+)");

  @Test
  void withoutAConfiguredPasswordTheAdministratorGetsAStrongOnePrintedOnlyAtFirstStart(CapturedOutput output)
      throws Exception {
    Path dir = Files.createTempDirectory("admin-bootstrap");
    Map<String, String> properties = Map.of(
        "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0",
        "server.port", "0", "support.demo.enabled", "false");

    String password;
    try (ConfigurableApplicationContext first = AppRunner.start(properties)) {
      Matcher matcher = GENERATED.matcher(output.getOut());
      assertThat(matcher.find()).as("generated password printed at first start").isTrue();
      password = matcher.group(1);
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      assertThat(engine.getIdentityService().checkPassword("admin", password)).isTrue();
      // (no wrong-password probe here: it would throttle the next, correct login)
      assertThat(password).isNotEqualToIgnoringCase("admin");
      assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).userId("admin")
          .count()).isEqualTo(1);
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    }
    int printedBefore = countMatches(output.getOut());

    try (ConfigurableApplicationContext second = AppRunner.start(properties)) {
      assertThat(countMatches(output.getOut())).as("no password printed on a later start").isEqualTo(printedBefore);
      assertThat(second.getBean(ProcessEngine.class).getIdentityService().checkPassword("admin", password))
          .as("the first password still works").isTrue();
    }
  }

  @Test
  void aConfiguredPasswordIsUsedAndNeverPrinted(CapturedOutput output) {
    Map<String, String> properties = Map.of(
        "spring.datasource.url", "jdbc:h2:mem:admin-configured;DB_CLOSE_DELAY=-1",
        "server.port", "0", "support.demo.enabled", "false",
        "camunda.bpm.admin-user.id", "ops.lead",
        "camunda.bpm.admin-user.password", "Configured-Passw0rd!");
    try (ConfigurableApplicationContext context = AppRunner.start(properties)) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      assertThat(engine.getIdentityService().checkPassword("ops.lead", "Configured-Passw0rd!")).isTrue();
      assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).userId("ops.lead")
          .count()).isEqualTo(1);
      assertThat(output.getOut()).doesNotContain("Configured-Passw0rd!").doesNotContain("generated password");
    }
  }

  static int countMatches(String text) {
    Matcher matcher = GENERATED.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
