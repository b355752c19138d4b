package dev.supportdesk.escalation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.notification.NotificationKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/**
 * Process owners build service tasks from Camunda Modeler element templates ({@code .camunda/element-templates},
 * found by Modeler next to processes/): every service task of every shipped diagram names its template and
 * version, and still has what the template fixes (implementation, asynchronous boundary) and offers (a
 * message kind, a ticket status, an SLA target from the list). The templates themselves are valid against
 * Camunda's element template schema, checked with Modeler's own validator library.
 */
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of(".camunda/element-templates");
  static final String NS = "http://camunda.org/schema/1.0/bpmn";

  @Test
  void everyServiceTaskOfTheShippedDiagramsMatchesItsTemplate() throws IOException {
    Map<String, JsonNode> templates = templates();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path diagram : diagrams()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
      checked += model.getModelElementsByType(ServiceTask.class).size();
      problems.addAll(drift(diagram.getFileName().toString(), model, templates));
    }
    System.out.println("Service tasks checked against their element templates: " + checked);
    assertThat(checked).isGreaterThan(40);
    assertThat(problems).isEmpty();
  }

  @Test
  void aServiceTaskEditedByHandIsReported() throws IOException {
    Map<String, JsonNode> templates = templates();
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes/SupportCaseProcess.bpmn").toFile());
    ServiceTask received = model.getModelElementById("Task_NotifyCaseReceived");
    received.setCamundaAsyncBefore(false);
    model.getModelElementsByType(CamundaInputParameter.class).stream()
        .filter(parameter -> parameter.getParentElement().getParentElement().getParentElement() == received)
        .forEach(parameter -> parameter.setTextContent("CASE_RECIEVED"));
    ServiceTask closed = model.getModelElementById("Task_NotifyCaseClosed");
    closed.setCamundaDelegateExpression("${notifyCustomers}");
    ServiceTask reopened = model.getModelElementById("Task_NotifyCaseReopened");
    reopened.removeAttributeNs(NS, "modelerTemplate");

    assertThat(drift("SupportCaseProcess.bpmn", model, templates)).containsExactlyInAnyOrder(
        "SupportCaseProcess.bpmn#Task_NotifyCaseReceived: camunda:asyncBefore is false, the template fixes true",
        "SupportCaseProcess.bpmn#Task_NotifyCaseReceived: notificationKind CASE_RECIEVED is not one of the template's choices",
        "SupportCaseProcess.bpmn#Task_NotifyCaseClosed: camunda:delegateExpression is ${notifyCustomers}, the template fixes ${notifyCustomer}",
        "SupportCaseProcess.bpmn#Task_NotifyCaseReopened: no element template (camunda:modelerTemplate)");
  }

  @Test
  void theCustomerMessageTemplateOffersEveryKindOfMessage() throws IOException {
    JsonNode kinds = property(templates().get("dev.supportdesk.NotifyCustomer"), "notificationKind");
    Set<String> offered = new TreeSet<>();
    kinds.path("choices").forEach(choice -> offered.add(choice.path("value").asText()));
    Set<String> expected = Arrays.stream(NotificationKind.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    expected.add("${linkedNoticeKind}");
    assertThat(offered).isEqualTo(expected);
  }

  @Test
  void theTemplatesAreValidAgainstCamundasElementTemplateSchema() throws Exception {
    Path script = Path.of("scripts/validate-element-templates.cjs");
    assertThat(Path.of("node_modules/@camunda/element-templates-json-schema/resources/schema.json"))
        .as("run `npm ci` (.ci/run does) before the tests").exists();
    Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.print(output);
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(line -> line.endsWith(": valid")).count()).isEqualTo(templates().size());
  }

  // ------------------------------------------------------------------ the check

  static List<String> drift(String diagram, BpmnModelInstance model, Map<String, JsonNode> templates) {
    List<String> problems = new ArrayList<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      String where = diagram + "#" + task.getId();
      String id = task.getAttributeValueNs(NS, "modelerTemplate");
      if (id == null) {
        problems.add(where + ": no element template (camunda:modelerTemplate)");
        continue;
      }
      JsonNode template = templates.get(id);
      if (template == null) {
        problems.add(where + ": unknown element template " + id);
        continue;
      }
      String version = task.getAttributeValueNs(NS, "modelerTemplateVersion");
      if (!template.path("version").asText().equals(version)) {
        problems.add(where + ": template version " + version + ", the template is at " + template.path("version").asText());
      }
      Map<String, String> inputs = new HashMap<>();
      model.getModelElementsByType(CamundaInputParameter.class).stream()
          .filter(parameter -> parameter.getParentElement().getParentElement().getParentElement() == task)
          .forEach(parameter -> inputs.put(parameter.getCamundaName(), parameter.getTextContent().strip()));
      for (JsonNode property : template.path("properties")) {
        JsonNode binding = property.path("binding");
        String name = binding.path("name").asText();
        String actual = switch (binding.path("type").asText()) {
          case "property" -> task.getAttributeValueNs(NS, name.substring(name.indexOf(':') + 1));
          case "camunda:inputParameter" -> inputs.get(name);
          default -> throw new IllegalStateException("binding not checked: " + binding);
        };
        String type = property.path("type").asText();
        if (type.equals("Hidden")) {
          String fixed = property.path("value").asText();
          if (!fixed.equals(actual == null && fixed.equals("false") ? "false" : actual)) {
            problems.add(where + ": " + name + " is " + actual + ", the template fixes " + fixed);
          }
        } else if (type.equals("Dropdown")) {
          List<String> choices = new ArrayList<>();
          property.path("choices").forEach(choice -> choices.add(choice.path("value").asText()));
          if (!choices.contains(actual)) {
            problems.add(where + ": " + name + " " + actual + " is not one of the template's choices");
          }
        } else if (actual == null && !property.path("optional").asBoolean()) {
          problems.add(where + ": " + name + " is missing");
        }
      }
    }
    return problems;
  }

  static Map<String, JsonNode> templates() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> templates = new HashMap<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
        JsonNode template = json.readTree(file.toFile());
        templates.put(template.path("id").asText(), template);
      }
    }
    return templates;
  }

  static JsonNode property(JsonNode template, String bindingName) {
    for (JsonNode property : template.path("properties")) {
      if (property.path("binding").path("name").asText().equals(bindingName)) {
        return property;
      }
    }
    throw new AssertionError("no property bound to " + bindingName);
  }

  static List<Path> diagrams() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      return files.filter(path -> path.toString().endsWith(".bpmn")).sorted().toList();
    }
  }
}
