package dev.supportdesk.escalation.security.directory;

import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;

/** Opens an {@link AgentDirectoryIdentityProvider} per command: the engine's read-only and writable identity provider. */
class AgentDirectorySessionFactory implements SessionFactory {

  private final LdapConfiguration configuration;
  private final GroupMapping mapping;

  AgentDirectorySessionFactory(LdapConfiguration configuration, GroupMapping mapping) {
    this.configuration = configuration;
    this.mapping = mapping;
  }

  @Override
  public Class<?> getSessionType() {
    return AgentDirectoryIdentityProvider.class;
  }

  @Override
  public Session openSession() {
    return new AgentDirectoryIdentityProvider(configuration, mapping);
  }
}
