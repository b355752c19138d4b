package dev.supportdesk.escalation.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent must know, in the form, which words leave the support desk: every form field that a mail
 * reads ({@link PublicReply}) says in its label or description that the customer reads it, and no field
 * that claims so is left out of the mail.
 */
class PublicFieldsInFormsTest {

  record Field(String form, String key, String label, String description) {
    boolean saysTheCustomerReadsIt() {
      String text = (label + " " + description).toLowerCase(Locale.ROOT);
      return text.contains("customer");
    }
  }

  @Test
  void everyPublicFieldIsMarkedAsReadByTheCustomerWhereAnAgentWritesIt() throws IOException {
    List<Field> editable = editableFields();
    for (String variable : PublicReply.publicVariables()) {
      List<Field> writers = editable.stream().filter(field -> field.key().equals(variable)).toList();
      assertThat(writers).as("a form where an agent writes %s", variable).isNotEmpty();
      assertThat(writers).as("forms writing %s", variable).allMatch(Field::saysTheCustomerReadsIt);
    }
  }

  @Test
  void aFieldLabelledForTheCustomerReachesTheCustomer() throws IOException {
    for (Field field : editableFields()) {
      if (field.label().toLowerCase(Locale.ROOT).contains("for the customer")) {
        assertThat(PublicReply.publicVariables()).as("%s in %s", field.key(), field.form()).contains(field.key());
      }
    }
  }

  static List<Field> editableFields() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Field> fields = new ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(path -> path.toString().endsWith(".form")).sorted().toList()) {
        collect(form.getFileName().toString(), json.readTree(form.toFile()), fields);
      }
    }
    return fields;
  }

  private static void collect(String form, JsonNode node, List<Field> fields) {
    for (JsonNode component : node.path("components")) {
      boolean readOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      if (component.hasNonNull("key") && !readOnly) {
        fields.add(new Field(form, component.get("key").asText(), component.path("label").asText(""),
            component.path("description").asText("")));
      }
      collect(form, component, fields);
    }
  }
}
