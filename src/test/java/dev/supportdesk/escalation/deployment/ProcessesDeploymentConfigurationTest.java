package dev.supportdesk.escalation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessesDeploymentConfigurationTest {

  @Test
  void namesResourcesByTheirPathBelowTheirFolderWhereverTheApplicationRuns() {
    assertThat(ProcessesDeploymentConfiguration.nameOf("file:/work/main/target/classes/processes/SupportCaseProcess.bpmn"))
        .isEqualTo("processes/SupportCaseProcess.bpmn");
    assertThat(ProcessesDeploymentConfiguration.nameOf(
        "jar:nested:/opt/app.jar/!BOOT-INF/classes/!/forms/OpenCase.form")).isEqualTo("forms/OpenCase.form");
    assertThat(ProcessesDeploymentConfiguration.nameOf("file:/x/processes/sub/Priority.dmn"))
        .isEqualTo("processes/sub/Priority.dmn");
    // a folder named like ours higher up the path does not confuse it
    assertThat(ProcessesDeploymentConfiguration.nameOf("file:/home/forms/app/target/classes/processes/A.bpmn"))
        .isEqualTo("processes/A.bpmn");
  }

  @Test
  void findsEveryDiagramDecisionAndFormOnTheClasspath() throws Exception {
    var resources = ProcessesDeploymentConfiguration.resolve(new String[] {
        "classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form"});
    var onDisk = PostgresRestartTest.filesOf("processes", "forms");
    assertThat(resources.keySet()).containsExactlyInAnyOrderElementsOf(onDisk);
  }
}
