package dev.supportdesk.escalation.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Actuator: {@code /actuator/health} stays public for load balancers (status only, never
 * details); {@code /actuator/metrics} and {@code /actuator/prometheus} (the scrape endpoint, with the
 * business figures of {@code operations/BusinessMetrics}) need HTTP Basic of a member of {@value Groups#OPERATORS} or
 * {@value Groups#CAMUNDA_ADMIN}, answered like the customer API (problem+json 401/403, no session).
 * Which endpoints exist at all is {@code management.endpoints.web.exposure.include}; every other one
 * is not exposed and answers 404 to everyone, so this chain lets those requests through to that 404.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurityConfiguration {

  public static final String ACTUATOR_PATTERN = "/actuator/**";
  public static final String ACTUATOR_SERVLET_PATTERN = "/actuator/*";
  public static final String REALM = "support-operations";

  @Bean
  SecurityFilterChain actuatorSecurity(HttpSecurity http, IdentityService identity, CredentialCache cache)
      throws Exception {
    ProviderManager authentication = new ProviderManager(List.of(new ActuatorAuthenticationProvider(identity, cache)));
    authentication.setEraseCredentialsAfterAuthentication(true);
    return StatelessBasicAuth.apply(http.securityMatcher(ACTUATOR_PATTERN), authentication, REALM,
            "Log in with HTTP Basic: an operator's or administrator's user id and password.",
            "Metrics are for members of the groups operators and camunda-admin.")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator/metrics", "/actuator/metrics/**", "/actuator/prometheus")
            .hasAuthority(ActuatorAuthenticationProvider.OPERATOR_AUTHORITY)
            .requestMatchers("/actuator", "/actuator/").hasAuthority(ActuatorAuthenticationProvider.OPERATOR_AUTHORITY)
            // not exposed: the Actuator's own 404
            .anyRequest().permitAll())
        .build();
  }
}
