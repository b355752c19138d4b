package dev.supportdesk.escalation.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.BadCredentialsException;
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
}
