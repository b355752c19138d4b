package dev.supportdesk.escalation.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * HTTP Basic for {@code /engine-rest} as Camunda's provider does it (same header, same challenge, the
 * engine's password check and throttling), with the user's groups and tenants loaded with the check and
 * both kept in the application's {@link CredentialCache}: a client's next request within the time to
 * live costs no password check and no group or tenant query.
 */
public class CachedHttpBasicAuthenticationProvider extends HttpBasicAuthenticationProvider {

  static final String DOOR = "engine-rest";

  record EngineIdentity(String userId, List<String> groups, List<String> tenants) {}

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BASIC_AUTH_HEADER_PREFIX, 0, BASIC_AUTH_HEADER_PREFIX.length())) {
      return AuthenticationResult.unsuccessful();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(BASIC_AUTH_HEADER_PREFIX.length()).strip()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return AuthenticationResult.unsuccessful();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return AuthenticationResult.unsuccessful();
    }
    String userId = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    CredentialCache cache = cache(request);
    Optional<EngineIdentity> identity = cache == null ? check(engine, userId, password)
        : cache.verified(DOOR, userId, password, () -> check(engine, userId, password));
    if (identity.isEmpty()) {
      return AuthenticationResult.unsuccessful(userId);
    }
    AuthenticationResult result = AuthenticationResult.successful(userId);
    result.setGroups(identity.get().groups());
    result.setTenants(identity.get().tenants());
    return result;
  }

  static Optional<EngineIdentity> check(ProcessEngine engine, String userId, String password) {
    IdentityService identity = engine.getIdentityService();
    if (!identity.checkPassword(userId, password)) {
      return Optional.empty();
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    return Optional.of(new EngineIdentity(userId, groups, tenants));
  }

  private static CredentialCache cache(HttpServletRequest request) {
    WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
    return context == null ? null : context.getBeanProvider(CredentialCache.class).getIfAvailable();
  }
}
