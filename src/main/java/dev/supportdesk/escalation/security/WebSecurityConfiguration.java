package dev.supportdesk.escalation.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Servlet filters that close what the Community Edition leaves open. */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

  public static final String ENGINE_REST = "/engine-rest/*";
  public static final String ADMIN_SETUP = "/camunda/api/admin/setup/*";
  public static final String WEBAPP_ENGINE_API = "/camunda/api/engine/*";

  /**
   * /engine-rest is anonymous by default: require HTTP Basic against the engine's identities, successful
   * checks kept briefly ({@link CachedHttpBasicAuthenticationProvider}).
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addUrlPatterns(ENGINE_REST);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        CachedHttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** A task completed with invalid input is a 400, not the engine's 500 (see {@link TaskInputErrors}). */
  @Bean
  FilterRegistrationBean<TaskInputErrors> taskInputErrors() {
    FilterRegistrationBean<TaskInputErrors> registration = new FilterRegistrationBean<>(new TaskInputErrors());
    registration.setName("task-input-errors");
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  /** Two agents on one task: the loser hears 409/404 in words, not a 500 (see {@link TaskRefusals}). */
  @Bean
  FilterRegistrationBean<TaskRefusals> taskRefusals() {
    FilterRegistrationBean<TaskRefusals> registration = new FilterRegistrationBean<>(new TaskRefusals());
    registration.setName("task-refusals");
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
    return registration;
  }

  /** Bad input to users, groups and memberships: 4xx with the engine's reason (see {@link IdentityRefusals}). */
  @Bean
  FilterRegistrationBean<IdentityRefusals> identityRefusals() {
    FilterRegistrationBean<IdentityRefusals> registration = new FilterRegistrationBean<>(new IdentityRefusals());
    registration.setName("identity-refusals");
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    return registration;
  }

  /** A refused deployment: its 4xx as problem+json with the engine's reason (see {@link DeploymentRefusals}). */
  @Bean
  FilterRegistrationBean<DeploymentRefusals> deploymentRefusals() {
    FilterRegistrationBean<DeploymentRefusals> registration = new FilterRegistrationBean<>(new DeploymentRefusals());
    registration.setName("deployment-refusals");
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 60);
    return registration;
  }

  /** Ad-hoc task queries with expressions never reach the engine (see {@link ExpressionQueryGuard}). */
  @Bean
  FilterRegistrationBean<ExpressionQueryGuard> expressionQueryGuard() {
    FilterRegistrationBean<ExpressionQueryGuard> registration = new FilterRegistrationBean<>(new ExpressionQueryGuard());
    registration.setName("expression-query-guard");
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /**
   * A URL Spring Security's firewall refuses (encoded slashes or percent signs, "..", NUL) is a 400
   * problem+json on the doors it guards (/api, /actuator), not the servlet container's error page.
   */
  @Bean
  RequestRejectedHandler requestRejectedAsProblem() {
    return (request, response, rejected) -> ProblemResponses.write(response, HttpServletResponse.SC_BAD_REQUEST,
        "Invalid request", "The request URL is not allowed.");
  }

  /**
   * Admin's first-run setup creates an administrator without logging in whenever the
   * {@code camunda-admin} group is empty; in 7.24.0 CE its guard is known to be bypassable. The admin
   * is created by {@link AccessBootstrap}, so the endpoint has no legitimate use here.
   */
  @Bean
  FilterRegistrationBean<Filter> adminSetupClosed() {
    Filter closed = (request, response, chain) -> ProblemResponses.write(
        (HttpServletResponse) response, HttpServletResponse.SC_FORBIDDEN, "Setup disabled",
        "The administrator is created at start; the first-run setup is disabled.");
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(closed);
    registration.setName("admin-setup-closed");
    registration.addUrlPatterns(ADMIN_SETUP);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
