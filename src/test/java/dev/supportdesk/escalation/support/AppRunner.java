package dev.supportdesk.escalation.support;

import dev.supportdesk.escalation.SupportEscalationApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real application in this JVM with the given properties, to stop and start it again. */
public final class AppRunner {

  private AppRunner() {}

  public static ConfigurableApplicationContext start(Map<String, String> properties, String... profiles) {
    List<String> args = new ArrayList<>();
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    return new SpringApplicationBuilder(SupportEscalationApplication.class)
        .profiles(profiles)
        .run(args.toArray(String[]::new));
  }
}
