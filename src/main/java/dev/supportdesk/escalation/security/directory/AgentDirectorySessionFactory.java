package dev.supportdesk.escalation.security.directory;

import dev.supportdesk.escalation.security.CredentialCache;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;

/** Opens an {@link AgentDirectoryIdentityProvider} per command: the engine's read-only and writable identity provider. */
class AgentDirectorySessionFactory implements SessionFactory {

  private final CredentialCache cache;
  private final LdapConfiguration configuration;
  private final GroupMapping mapping;

  AgentDirectorySessionFactory(CredentialCache cache, LdapConfiguration configuration, GroupMapping mapping) {
    this.cache = cache;
    this.configuration = configuration;
    this.mapping = mapping;
  }

  @Override
  public Class<?> getSessionType() {
    return AgentDirectoryIdentityProvider.class;
  }

  @Override
  public Session openSession() {
    return new AgentDirectoryIdentityProvider(cache, configuration, mapping);
  }
}
