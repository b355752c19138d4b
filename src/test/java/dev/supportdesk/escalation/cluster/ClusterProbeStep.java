package dev.supportdesk.escalation.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * A step of the test-only ClusterProbeProcess (referenced with {@code camunda:class}, deliberately no
 * Spring bean, so no other test's component scan picks it up). It appends "businessKey activity node" to
 * a file in the node's working directory before the engine commits: the write is outside the engine's
 * transaction, so a job that ran twice shows as two lines even if the engine rolled one run back.
 */
public class ClusterProbeStep implements JavaDelegate {

  static final String SIDE_EFFECTS = "cluster-probe-side-effects.log";

  @Override
  public void execute(DelegateExecution execution) {
    String node = ((ProcessEngineConfigurationImpl) execution.getProcessEngine().getProcessEngineConfiguration())
        .getHostname();
    record(execution.getProcessBusinessKey() + " " + execution.getCurrentActivityId() + " " + node + "\n");
  }

  private static synchronized void record(String line) {
    try {
      Files.writeString(Path.of(SIDE_EFFECTS), line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
