package dev.supportdesk.escalation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: the Camunda engine, its webapps, /engine-rest and the application's own endpoints. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportEscalationApplication {

  public static void main(String[] args) {
    SpringApplication.run(SupportEscalationApplication.class, args);
  }
}
