package dev.supportdesk.escalation.customer.portal;

import dev.supportdesk.escalation.security.CustomerAuthenticationProvider;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The Support Center's login: a form with a session and CSRF tokens, for customers only (an agent's or an
 * administrator's webapp login is refused exactly like a wrong password), logout, and strict headers (no
 * inline scripts or styles, no framing). The customer API keeps its stateless HTTP Basic chain.
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurityConfiguration {

  public static final String PORTAL_PATTERN = "/portal/**";
  public static final String PORTAL_SERVLET_PATTERN = "/portal/*";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  @Bean
  @Order(10)
  SecurityFilterChain portalSecurity(HttpSecurity http, IdentityService identity) throws Exception {
    return http.securityMatcher(PORTAL_PATTERN)
        .authenticationManager(new ProviderManager(List.of(new CustomersOnly(identity))))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/portal/login", "/portal/denied", "/portal/css/**", "/portal/js/**", "/portal/password-reset",
                "/portal/password-reset/**").permitAll()
            .anyRequest().hasAuthority(CustomerAuthenticationProvider.CUSTOMER_AUTHORITY))
        .formLogin(form -> form.loginPage("/portal/login").defaultSuccessUrl("/portal/cases", true)
            .failureUrl("/portal/login?error").permitAll())
        .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout")
            .deleteCookies("JSESSIONID"))
        // a missing or wrong CSRF token (an expired form, a forged post) gets a page that says so
        .exceptionHandling(exceptions -> exceptions.accessDeniedPage("/portal/denied"))
        .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }

  /** A valid login that is not a customer of exactly one organisation is refused like a wrong password. */
  static final class CustomersOnly extends CustomerAuthenticationProvider {

    CustomersOnly(IdentityService identity) {
      // a form login happens once per session: always checked, never kept
      super(identity, null);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
      Authentication result;
      try {
        result = super.authenticate(authentication);
      } catch (AuthenticationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new BadCredentialsException("Wrong user or password", e);
      }
      boolean customer = result.getAuthorities().stream()
          .anyMatch(authority -> CustomerAuthenticationProvider.CUSTOMER_AUTHORITY.equals(authority.getAuthority()));
      if (!customer) {
        throw new BadCredentialsException("Wrong user or password");
      }
      return result;
    }
  }
}
