package dev.supportdesk.escalation.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials of the customer API against the engine's identities, so Admin is the
 * one place customers and organisations are managed. The engine throttles repeated failures per user
 * (a wrong password delays that user's next attempts), which this provider inherits.
 *
 * <p>Only a member of {@value Groups#CUSTOMERS} with exactly one organisation gets
 * {@link #CUSTOMER_AUTHORITY}; any other valid login is authenticated but has no right to the API.
 */
public class CustomerAuthenticationProvider implements AuthenticationProvider {

  public static final String CUSTOMER_AUTHORITY = "ROLE_CUSTOMER";

  private final IdentityService identity;

  public CustomerAuthenticationProvider(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = EngineCredentials.verify(identity, authentication);
    User user = identity.createUserQuery().userId(userId).singleResult();
    return CustomerDirectory.customer(identity, user)
        .<Authentication>map(principal -> UsernamePasswordAuthenticationToken.authenticated(principal, null,
            List.<GrantedAuthority>of(new SimpleGrantedAuthority(CUSTOMER_AUTHORITY))))
        .orElseGet(() -> UsernamePasswordAuthenticationToken.authenticated(userId, null, List.of()));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
