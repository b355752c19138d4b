package dev.supportdesk.escalation.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Webhooks of other systems under {@value #INTEGRATIONS_PATTERN} (Jira: /api/integrations/jira/webhook)
 * are not customer requests: no customer login, no session, no CSRF token. Each one authenticates its
 * caller itself, by a shared secret checked in its controller (HMAC signature or token, constant time),
 * and answers 401 when it is missing or wrong. This chain comes before the customer API's, which
 * matches every other /api/** path.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrationWebhookSecurityConfiguration {

  public static final String INTEGRATIONS_PATTERN = "/api/integrations/**";

  @Bean
  @Order(1)
  SecurityFilterChain integrationWebhooks(HttpSecurity http) throws Exception {
    return http
        .securityMatcher(INTEGRATIONS_PATTERN)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .build();
  }
}
