package dev.supportdesk.escalation.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The shape every HTTP Basic chain of the application shares (customer API, actuator): stateless, no
 * session, CSRF, form login or request cache, and 401/403 answered as problem+json with a hint.
 */
final class StatelessBasicAuth {

  private StatelessBasicAuth() {}

  static HttpSecurity apply(HttpSecurity http, AuthenticationManager authentication, String realm,
      String loginHint, String deniedDetail) throws Exception {
    AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
      ProblemResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", loginHint);
    };
    AccessDeniedHandler denied = (request, response, exception) -> ProblemResponses.write(response,
        HttpServletResponse.SC_FORBIDDEN, HttpStatus.FORBIDDEN.getReasonPhrase(), deniedDetail);
    return http
        .authenticationManager(authentication)
        .httpBasic(basic -> basic.realmName(realm).authenticationEntryPoint(unauthenticated))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable());
  }
}
