package dev.supportdesk.escalation.security;

import java.time.Duration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link CredentialCache} of the HTTP Basic doors, and the engine's identity provider that keeps it
 * current ({@link TrackedIdentityProvider}; the company directory's provider extends it).
 */
@Configuration(proxyBeanMethods = false)
public class CredentialCacheConfiguration {

  @Bean
  CredentialCache credentialCache(@Value("${support.security.credential-cache.ttl:PT60S}") Duration ttl) {
    return new CredentialCache(ttl);
  }

  /** Installs the tracked database provider unless another plugin (the agent directory) installed its own. */
  @Bean
  ProcessEnginePlugin identityChangeTracking(CredentialCache cache) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getIdentityProviderSessionFactory() == null) {
          configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
              return TrackedIdentityProvider.class;
            }

            @Override
            public Session openSession() {
              return new TrackedIdentityProvider(cache);
            }
          });
        }
      }

      @Override
      public String toString() {
        return "identityChangeTracking";
      }
    };
  }
}
