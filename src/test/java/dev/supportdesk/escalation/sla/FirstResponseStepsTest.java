package dev.supportdesk.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/**
 * First response is met by the first message to the customer that an agent wrote (issue 16), not by
 * Tier 1 finishing its analysis nor by an automatic mail. The diagrams say so with
 * {@code ${slaClock.firstResponse(execution)}} on the "Notify customer" steps of those messages; this
 * test keeps the set and the diagrams in step. A proposed resolution needs no marker: resolving meets
 * every clock.
 */
class FirstResponseStepsTest {

  /** Messages carrying an agent's words: a question, a workaround, a product decision, a quote, an answer. */
  static final Set<String> AGENT_WRITTEN = Set.of("INFORMATION_REQUESTED", "WORKAROUND_AVAILABLE",
      "FEATURE_REQUEST_ACCEPTED", "FEATURE_REQUEST_DECLINED", "FEATURE_REQUEST_QUOTE", "SUPPORT_REPLY");
  static final String MARKER = "${slaClock.firstResponse(execution)}";

  @Test
  void exactlyTheStepsSendingAnAgentsWordsMeetTheFirstResponseTarget() throws IOException {
    List<String> marked = new ArrayList<>();
    List<String> agentWritten = new ArrayList<>();
    try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
          boolean marks = model.getModelElementsByType(CamundaExecutionListener.class).stream()
              .filter(l -> l.getParentElement().getParentElement() == node)
              .anyMatch(l -> MARKER.equals(l.getCamundaExpression()));
          if (marks) {
            marked.add(node.getId());
          }
          if (node instanceof ServiceTask step && "${notifyCustomer}".equals(step.getCamundaDelegateExpression())
              && model.getModelElementsByType(CamundaInputParameter.class).stream()
                  .filter(p -> p.getParentElement().getParentElement().getParentElement() == step)
                  .anyMatch(p -> AGENT_WRITTEN.contains(p.getTextContent().strip()))) {
            agentWritten.add(node.getId());
          }
        }
      }
    }
    assertThat(agentWritten).as("steps sending an agent's words").hasSize(AGENT_WRITTEN.size());
    assertThat(marked).as("steps meeting the first-response target").containsExactlyInAnyOrderElementsOf(agentWritten);
  }
}
