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

  static final String DOOR = "customer-api";

  private final IdentityService identity;
  private final CredentialCache cache;

  public CustomerAuthenticationProvider(IdentityService identity, CredentialCache cache) {
    this.identity = identity;
    this.cache = cache;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    return EngineCredentials.verifyCached(cache, DOOR, identity, authentication, this::principal);
  }

  private Authentication principal(String userId) {
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
