package dev.supportdesk.escalation.security.directory;

import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapGroupQuery;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderSession;
import org.camunda.bpm.identity.impl.ldap.LdapUserQueryImpl;

/**
 * Camunda's LDAP session as {@link AgentDirectoryIdentityProvider} uses it, beside the database rather
 * than as the engine's identity provider:
 * <ul>
 *   <li>its own lookups (a user or group by id, a member's DN) run through this session, not through
 *       the command context's identity provider, which is the combined one;</li>
 *   <li>directory groups are only read to be mapped, so they are not checked against the engine's
 *       authorizations under their directory names; the application groups they map onto are, where
 *       the engine reads them from its database. People stay checked (a user may always read themselves).</li>
 * </ul>
 */
class DirectorySession extends LdapIdentityProviderSession {

  DirectorySession(LdapConfiguration configuration) {
    super(configuration);
  }

  @Override
  public UserQueryImpl createUserQuery(CommandContext commandContext) {
    return new SessionUserQuery(ldapConfiguration, this);
  }

  @Override
  public GroupQuery createGroupQuery(CommandContext commandContext) {
    return new SessionGroupQuery(this);
  }

  @Override
  protected boolean isAuthorizedToReadGroup(String groupId) {
    return true;
  }

  /** A directory user query answered by one session. */
  static final class SessionUserQuery extends LdapUserQueryImpl {

    private static final long serialVersionUID = 1L;
    private final transient LdapIdentityProviderSession session;

    SessionUserQuery(LdapConfiguration configuration, LdapIdentityProviderSession session) {
      super(configuration);
      this.session = session;
    }

    @Override
    protected LdapIdentityProviderSession getLdapIdentityProvider(CommandContext commandContext) {
      return session;
    }
  }

  /** A directory group query answered by one session. */
  static final class SessionGroupQuery extends LdapGroupQuery {

    private static final long serialVersionUID = 1L;
    private final transient LdapIdentityProviderSession session;

    SessionGroupQuery(LdapIdentityProviderSession session) {
      this.session = session;
    }

    @Override
    protected LdapIdentityProviderSession getLdapIdentityProvider(CommandContext commandContext) {
      return session;
    }
  }
}
