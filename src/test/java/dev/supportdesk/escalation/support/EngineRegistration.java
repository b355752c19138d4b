package dev.supportdesk.escalation.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Spring's test context cache keeps many applications alive in one JVM, each with an engine named
 * "default", while the REST API and webapps look the engine up by name in {@link ProcessEngines}. When a
 * cached context closes (evicted, or {@code @DirtiesContext}), its engine leaves that registry and a
 * test that reuses another cached context got "Process engine default not available". Before each test
 * the engine of the test's own context is registered again, so the lookup finds the right one.
 */
public class EngineRegistration extends AbstractTestExecutionListener {

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 100;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.getApplicationContext().getBeanProvider(ProcessEngine.class)
          .ifAvailable(ProcessEngines::registerProcessEngine);
    }
  }
}
