package dev.supportdesk.escalation.security;

import dev.supportdesk.escalation.customer.portal.PortalSecurityConfiguration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security for the customer API only.
 *
 * <p>The webapps (/camunda/**) and /engine-rest authenticate against the engine with their own
 * filters ({@link WebSecurityConfiguration}). Spring Security must not touch them: this
 * {@link SecurityFilterChain} matches {@value #API_PATTERN} only (the Actuator has its own,
 * {@link ActuatorSecurityConfiguration}), and the servlet filter that runs Spring Security at all is
 * mapped to {@code /api/*} and {@code /actuator/*} only (Boot maps it to
 * every request by default, where its firewall and headers would change the webapps' behaviour).
 * Defining the chain and an {@link AuthenticationManager} also switches off Boot's default chain
 * (form login for everything) and its generated in-memory user.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class CustomerApiSecurityConfiguration {

  public static final String API_PATTERN = "/api/**";
  public static final String API_SERVLET_PATTERN = "/api/*";
  public static final String REALM = "support-customer-api";
  /** The bean Boot's SecurityFilterAutoConfiguration registers Spring Security's servlet filter with. */
  static final String BOOT_SECURITY_FILTER_REGISTRATION = "securityFilterChainRegistration";

  @Bean
  SecurityFilterChain customerApiSecurity(HttpSecurity http, IdentityService identity, CredentialCache cache)
      throws Exception {
    return StatelessBasicAuth.apply(http.securityMatcher(API_PATTERN), customerAuthenticationManager(identity, cache), REALM,
            "Log in with HTTP Basic: your customer user id and password.",
            "This API is for customers: your login is not a customer of exactly one organisation.")
        .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(
            CustomerAuthenticationProvider.CUSTOMER_AUTHORITY))
        .anonymous(anonymous -> anonymous.disable())
        .build();
  }

  /** The customer API's only way to log in; as a bean it also stops Boot generating a default user. */
  @Bean
  AuthenticationManager customerAuthenticationManager(IdentityService identity, CredentialCache cache) {
    ProviderManager manager = new ProviderManager(List.of(new CustomerAuthenticationProvider(identity, cache)));
    manager.setEraseCredentialsAfterAuthentication(true);
    return manager;
  }

  /**
   * Runs Spring Security's filter for /api/*, /actuator/* ({@link ActuatorSecurityConfiguration}) and the
   * Support Center's /portal/* ({@link PortalSecurityConfiguration}) only;
   * every other path keeps its own filters untouched.
   */
  @Bean
  static BeanPostProcessor securityFilterOnlyOnApi() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof DelegatingFilterProxyRegistrationBean registration
            && BOOT_SECURITY_FILTER_REGISTRATION.equals(beanName)) {
          registration.setUrlPatterns(List.of(API_SERVLET_PATTERN,
              ActuatorSecurityConfiguration.ACTUATOR_SERVLET_PATTERN, PortalSecurityConfiguration.PORTAL_SERVLET_PATTERN));
        }
        return bean;
      }
    };
  }
}
