package dev.supportdesk.escalation.security;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic credentials checked against the engine's identities (Admin manages every login). The
 * engine throttles repeated failures per user, which every caller inherits.
 */
final class EngineCredentials {

  private EngineCredentials() {}

  /** The user id of valid credentials; anything else is the same "Bad credentials". */
  static String verify(IdentityService identity, Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || credentials == null
        || !identity.checkPassword(userId, credentials.toString())
        || identity.createUserQuery().userId(userId).count() == 0) {
      throw new BadCredentialsException("Bad credentials");
    }
    return userId;
  }

  /**
   * {@link #verify} and the door's principal for it ({@code principal} of the user id), kept in the
   * {@link CredentialCache} after a success; every call gets a token of its own.
   */
  static Authentication verifyCached(CredentialCache cache, String door, IdentityService identity,
      Authentication authentication, Function<String, Authentication> principal) {
    Supplier<Optional<Authentication>> check = () -> {
      try {
        return Optional.of(principal.apply(verify(identity, authentication)));
      } catch (BadCredentialsException refused) {
        return Optional.empty();
      }
    };
    Object credentials = authentication.getCredentials();
    Optional<Authentication> result = cache == null || credentials == null ? check.get()
        : cache.verified(door, authentication.getName(), credentials.toString(), check);
    Authentication verified = result.orElseThrow(() -> new BadCredentialsException("Bad credentials"));
    return UsernamePasswordAuthenticationToken.authenticated(verified.getPrincipal(), null, verified.getAuthorities());
  }
}
