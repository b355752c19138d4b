package dev.supportdesk.escalation.decision;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs the {@link DeploymentGate} when {@code support.decision-replay.deployment-gate=true} (off by
 * default), and opens it once the application, with its own deployment of {@code processes/}, is ready.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "support.decision-replay.deployment-gate", havingValue = "true")
public class DeploymentGateConfiguration {

  @Bean
  DeploymentGate deploymentGate(DecisionReplayStore replays) {
    return new DeploymentGate(replays);
  }

  @Bean
  ProcessEnginePlugin decisionDeploymentGate(DeploymentGate gate) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreDeployers() == null) {
          configuration.setCustomPreDeployers(new ArrayList<>());
        }
        configuration.getCustomPreDeployers().add(gate);
      }

      @Override
      public String toString() {
        return "decisionDeploymentGate";
      }
    };
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> deploymentGateOpener(DeploymentGate gate) {
    return event -> gate.open();
  }
}
