package dev.supportdesk.escalation.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.engineering.EngineeringVariables;
import dev.supportdesk.escalation.problem.ProblemVariables;
import dev.supportdesk.escalation.tracker.TicketStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/**
 * Every kind of customer message is sent by some step of the diagrams, and every step sends a kind
 * that exists. Together with the process tests' coverage gate (every flow node of every diagram is
 * walked by some process test, see {@code ProcessTestEngine}), this proves each kind is sent on some
 * tested path: a kind no diagram sends would be a promise nobody keeps.
 */
class NotificationKindsSentTest {

  /** The delegates that mail the customer: the plain one, and the engineering run's that tells linked cases too. */
  private static final Set<String> NOTIFY_STEPS = Set.of("${notifyCustomer}", "${notifyCustomerAndLinkedCases}");

  @Test
  void everyNotificationKindIsSentBySomeNotifyStepAndNoStepNamesAnUnknownKind() throws IOException {
    TreeMap<String, String> stepByKind = new TreeMap<>();
    try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        for (ServiceTask step : model.getModelElementsByType(ServiceTask.class)) {
          if (!NOTIFY_STEPS.contains(step.getCamundaDelegateExpression())) {
            continue;
          }
          String kind = model.getModelElementsByType(CamundaInputParameter.class).stream()
              .filter(p -> p.getParentElement().getParentElement().getParentElement() == step)
              .filter(p -> NotifyCustomerDelegate.KIND_PARAMETER.equals(p.getCamundaName()))
              .map(CamundaInputParameter::getTextContent).findFirst().orElseThrow(
                  () -> new AssertionError(step.getId() + " in " + diagram + " names no notificationKind"));
          for (String sent : kindsOf(kind.strip())) {
            assertThat(Arrays.stream(NotificationKind.values()).map(Enum::name))
                .as(step.getId() + " in " + diagram).contains(sent);
            stepByKind.putIfAbsent(sent, diagram.getFileName() + "#" + step.getId());
          }
        }
      }
    }
    Set<String> unsent = new java.util.TreeSet<>();
    for (NotificationKind kind : EnumSet.allOf(NotificationKind.class)) {
      if (!stepByKind.containsKey(kind.name())) {
        unsent.add(kind.name());
      }
    }
    assertThat(unsent).as("kinds no step sends (sent by: %s)", stepByKind).isEmpty();
  }

  /**
   * A fixed kind, or the tracker's: "Notify customer: ticket status" sends what "Follow ticket
   * status" sets, the ENGINEERING_ counterpart of a reported {@link TicketStatus}. A linked case's notice
   * repeats a kind another step sends, so it adds none.
   */
  private static Set<String> kindsOf(String parameter) {
    if (parameter.equals("${" + EngineeringVariables.TRACKER_NOTIFICATION_KIND + "}")) {
      return Arrays.stream(TicketStatus.values()).map(status -> "ENGINEERING_" + status.name())
          .collect(java.util.stream.Collectors.toSet());
    }
    if (parameter.equals("${" + ProblemVariables.NOTICE_KIND + "}")) {
      // "Linked case notice": what the ticket's engineering run told its own customer (ProblemLinks)
      return Set.of();
    }
    return Set.of(parameter);
  }
}
