package dev.supportdesk.escalation.conversation.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The support mailbox: polled only with {@code support.inbound-mail.enabled=true}. */
@Configuration
@EnableConfigurationProperties(InboundMailProperties.class)
public class InboundMailConfiguration {

  @Configuration
  @EnableScheduling
  @ConditionalOnProperty(name = "support.inbound-mail.enabled", havingValue = "true")
  static class Polling {

    @Bean
    InboundMailPoller inboundMailPoller(InboundMailProperties properties, InboundMailHandler handler) {
      return new InboundMailPoller(properties, handler);
    }
  }
}
