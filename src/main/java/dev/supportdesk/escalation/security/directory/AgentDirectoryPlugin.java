package dev.supportdesk.escalation.security.directory;

import dev.supportdesk.escalation.security.CredentialCache;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;

/**
 * Camunda's LDAP identity provider plugin, configured from {@link AgentDirectoryProperties}, with its
 * read-only provider placed beside the database's instead of in its stead
 * ({@link AgentDirectoryIdentityProvider}): customers and the application's groups stay where they are.
 */
public class AgentDirectoryPlugin extends LdapIdentityProviderPlugin {

  private final GroupMapping mapping;
  private final CredentialCache cache;

  AgentDirectoryPlugin(AgentDirectoryProperties properties, CredentialCache cache) {
    this.cache = cache;
    if (properties.url() == null || properties.url().isBlank()) {
      throw new IllegalArgumentException("support.agent-directory.url is not set (ldap://host:389 or ldaps://host:636)");
    }
    if (properties.baseDn() == null || properties.baseDn().isBlank()) {
      throw new IllegalArgumentException("support.agent-directory.base-dn is not set (e.g. dc=example,dc=com)");
    }
    if (properties.managerDn() != null && !properties.managerDn().isBlank()
        && (properties.managerPassword() == null || properties.managerPassword().isEmpty())) {
      throw new IllegalArgumentException("support.agent-directory.manager-password is not set for manager-dn "
          + properties.managerDn() + " (SUPPORT_AGENT_DIRECTORY_MANAGER_PASSWORD)");
    }
    this.mapping = new GroupMapping(properties.groupMapping());
    setServerUrl(properties.url().strip());
    setUseSsl(properties.url().strip().toLowerCase(java.util.Locale.ROOT).startsWith("ldaps:"));
    setAcceptUntrustedCertificates(properties.acceptUntrustedCertificates());
    setManagerDn(properties.managerDn());
    setManagerPassword(properties.managerPassword());
    setBaseDn(properties.baseDn().strip());
    setUserSearchBase(properties.userSearchBase());
    setUserSearchFilter(properties.userSearchFilter());
    setUserIdAttribute(properties.userIdAttribute());
    setUserFirstnameAttribute(properties.userFirstnameAttribute());
    setUserLastnameAttribute(properties.userLastnameAttribute());
    setUserEmailAttribute(properties.userEmailAttribute());
    setGroupSearchBase(properties.groupSearchBase());
    setGroupSearchFilter(properties.groupSearchFilter());
    setGroupIdAttribute(properties.groupIdAttribute());
    setGroupNameAttribute(properties.groupNameAttribute());
    setGroupMemberAttribute(properties.groupMemberAttribute());
    // an empty password is an anonymous bind, which many directories accept: never a login
    setAllowAnonymousLogin(false);
    setAuthorizationCheckEnabled(true);
  }

  GroupMapping mapping() {
    return mapping;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    super.preInit(configuration);
    configuration.setIdentityProviderSessionFactory(new AgentDirectorySessionFactory(cache, this, mapping));
  }
}
