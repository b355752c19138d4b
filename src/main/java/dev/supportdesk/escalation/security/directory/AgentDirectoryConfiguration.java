package dev.supportdesk.escalation.security.directory;

import dev.supportdesk.escalation.security.CredentialCache;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code support.agent-directory.enabled=true}: the engine's identities come from the company directory
 * for agents and from the database for everyone else (README "Company logins for agents"). The Camunda
 * starter applies every {@code ProcessEnginePlugin} bean to the engine it builds.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "support.agent-directory", name = "enabled", havingValue = "true")
public class AgentDirectoryConfiguration {

  @Bean
  AgentDirectoryPlugin agentDirectoryPlugin(AgentDirectoryProperties properties, CredentialCache cache) {
    return new AgentDirectoryPlugin(properties, cache);
  }
}
