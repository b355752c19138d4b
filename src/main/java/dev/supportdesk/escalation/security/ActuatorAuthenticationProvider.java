package dev.supportdesk.escalation.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials for the Actuator against the engine's identities (the same users
 * Admin manages; the engine's login throttling applies). Members of {@value Groups#OPERATORS} or
 * {@value Groups#CAMUNDA_ADMIN} get {@link #OPERATOR_AUTHORITY}; any other valid login is
 * authenticated without it, and so is refused with 403.
 */
public class ActuatorAuthenticationProvider implements AuthenticationProvider {

  public static final String OPERATOR_AUTHORITY = "ROLE_OPERATOR";
  static final List<String> OPERATOR_GROUPS = List.of(Groups.OPERATORS, Groups.CAMUNDA_ADMIN);

  static final String DOOR = "actuator";

  private final IdentityService identity;
  private final CredentialCache cache;

  public ActuatorAuthenticationProvider(IdentityService identity, CredentialCache cache) {
    this.identity = identity;
    this.cache = cache;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    return EngineCredentials.verifyCached(cache, DOOR, identity, authentication, this::principal);
  }

  private Authentication principal(String userId) {
    boolean operator = identity.createGroupQuery().groupMember(userId)
        .groupIdIn(OPERATOR_GROUPS.toArray(String[]::new)).count() > 0;
    List<GrantedAuthority> authorities = operator
        ? List.of(new SimpleGrantedAuthority(OPERATOR_AUTHORITY)) : List.of();
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
