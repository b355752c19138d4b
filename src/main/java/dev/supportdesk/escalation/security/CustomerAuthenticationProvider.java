package dev.supportdesk.escalation.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
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
    List<Group> groups = identity.createGroupQuery().groupMember(userId).list();
    boolean customer = groups.stream().anyMatch(g -> Groups.CUSTOMERS.equals(g.getId()));
    List<Group> organisations = groups.stream()
        .filter(g -> Groups.TYPE_ORGANISATION.equals(g.getType())).toList();
    if (!customer || organisations.size() != 1) {
      return UsernamePasswordAuthenticationToken.authenticated(userId, null, List.of());
    }
    Group organisation = organisations.get(0);
    Customer principal = new Customer(userId, displayName(user), user.getEmail(),
        organisation.getId(), organisation.getName() == null ? organisation.getId() : organisation.getName());
    List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(CUSTOMER_AUTHORITY));
    return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
  }

  private static String displayName(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
