package dev.supportdesk.escalation.security;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes sure the administrator never gets a default password.
 *
 * <p>The Camunda starter creates the user named by {@code camunda.bpm.admin-user.id} and, when no
 * password is configured, silently uses the user id as password. This post-processor always supplies
 * {@code camunda.bpm.admin-user.id} (default {@value #DEFAULT_ADMIN_ID}) and, unless an operator set
 * {@code camunda.bpm.admin-user.password}, a strong random password. {@link AccessBootstrap} prints it
 * once, when the starter really created the user with it.
 */
public class GeneratedAdminPasswordEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  public static final String ADMIN_ID = "camunda.bpm.admin-user.id";
  public static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
  /** Set only when the password was generated in this start; never configured by anyone. */
  public static final String GENERATED_MARKER = "support.security.generated-admin-password";
  public static final String DEFAULT_ADMIN_ID = "admin";
  static final String SOURCE_NAME = "generatedAdminCredentials";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> generated = new HashMap<>();
    if (isBlank(environment.getProperty(ADMIN_ID))) {
      generated.put(ADMIN_ID, DEFAULT_ADMIN_ID);
    }
    if (isBlank(environment.getProperty(ADMIN_PASSWORD))) {
      String password = Passwords.generate();
      generated.put(ADMIN_PASSWORD, password);
      generated.put(GENERATED_MARKER, password);
    }
    if (!generated.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, generated));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public int getOrder() {
    // after application.yaml and the environment have been read
    return Ordered.LOWEST_PRECEDENCE;
  }
}
