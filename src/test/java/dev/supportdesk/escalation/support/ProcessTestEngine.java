package dev.supportdesk.escalation.support;

import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/** The in-memory engine of every process test (scope 2), with the build's coverage gate. */
public final class ProcessTestEngine {

  /** Not camunda.cfg.xml: ProcessEngines.init() would start it inside the Spring application tests. */
  public static final String CONFIGURATION = "camunda-process-tests.cfg.xml";

  private ProcessTestEngine() {}

  /** Fails the test class unless its tests together pass every flow node and sequence flow. */
  public static ProcessEngineCoverageExtension withFullCoverage() {
    return ProcessEngineCoverageExtension.builder(CONFIGURATION).assertClassCoverageAtLeast(1.0).build();
  }
}
