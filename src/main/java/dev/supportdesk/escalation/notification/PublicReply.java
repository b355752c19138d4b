package dev.supportdesk.escalation.notification;

import dev.supportdesk.escalation.conversation.ConversationVariables;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.engineering.EngineeringVariables;
import dev.supportdesk.escalation.feature.FeatureRequestVariables;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an agent wrote <em>for the customer</em> at the step that sends a mail: the only agent-written
 * words that ever leave the support desk. Each kind of mail names the form fields that are public (their
 * forms label them "for the customer"); every other variable (findings, root cause, notes, engineering's
 * description) is internal and is never read here.
 *
 * @param parts the public fields that have a value, in the order the customer reads them
 */
public record PublicReply(List<Part> parts) {

  /** One public field as the customer reads it. */
  public record Part(String label, String text) {}

  /** A public form field: the variable the form writes and how the mail names it. */
  record Field(String variable, String label) {}

  private static final Map<NotificationKind, List<Field>> FIELDS = new EnumMap<>(NotificationKind.class);

  static {
    Field question = new Field(Tier2Variables.INFORMATION_REQUEST, "Our question");
    Field releaseVersion = new Field(EngineeringVariables.RELEASE_VERSION, "Version");
    Field appUpdate = new Field(EngineeringVariables.APP_UPDATE_REQUIRED, "Update of the application needed");
    Field releaseNotes = new Field(EngineeringContract.RELEASE_NOTES, "Release notes");
    FIELDS.put(NotificationKind.INFORMATION_REQUESTED, List.of(question));
    FIELDS.put(NotificationKind.INFORMATION_REMINDER, List.of(question));
    FIELDS.put(NotificationKind.WORKAROUND_AVAILABLE, List.of(new Field(Tier2Contract.WORKAROUND, "Workaround")));
    FIELDS.put(NotificationKind.SOLVED_PLANNED_FOR_RELEASE, List.of(
        new Field(EngineeringVariables.TARGET_RELEASE, "Planned release"),
        new Field(EngineeringVariables.PLANNED_QUARTER, "Planned quarter")));
    FIELDS.put(NotificationKind.FIX_RELEASED, List.of(releaseVersion, appUpdate, releaseNotes));
    FIELDS.put(NotificationKind.ENGINEERING_DONE, List.of(releaseVersion, appUpdate, releaseNotes));
    FIELDS.put(NotificationKind.RELEASE_NOTES_POSTED, List.of(releaseVersion, releaseNotes));
    FIELDS.put(NotificationKind.FEATURE_REQUEST_ACCEPTED, List.of(
        new Field(FeatureRequestVariables.DECISION_REASON, "Our decision"),
        new Field(FeatureRequestVariables.FEATURE_SCOPE, "What we will build"),
        new Field(FeatureRequestVariables.COST_ESTIMATE, "Price")));
    FIELDS.put(NotificationKind.FEATURE_REQUEST_DECLINED, List.of(
        new Field(FeatureRequestVariables.DECISION_REASON, "Our decision")));
    FIELDS.put(NotificationKind.FEATURE_REQUEST_QUOTE, List.of(
        new Field(FeatureRequestVariables.FEATURE_SCOPE, "What we will build"),
        new Field(FeatureRequestVariables.COST_ESTIMATE, "Price")));
    FIELDS.put(NotificationKind.RESOLUTION_PROPOSED, List.of(
        new Field(Tier1Variables.RESOLUTION_TEXT, "Proposed resolution")));
    FIELDS.put(NotificationKind.SUPPORT_REPLY, List.of(
        new Field(ConversationVariables.SUPPORT_REPLY, "Our answer")));
  }

  public static final PublicReply NONE = new PublicReply(List.of());

  public PublicReply {
    parts = List.copyOf(parts);
  }

  /**
   * The public fields of {@code kind} that have a value.
   *
   * @param variables looks a variable up by name (the step's, then the case's); null when absent
   */
  public static PublicReply of(NotificationKind kind, Function<String, Object> variables) {
    List<Part> parts = new ArrayList<>();
    for (Field field : FIELDS.getOrDefault(kind, List.of())) {
      Object value = variables.apply(field.variable());
      String text = field.variable().equals(FeatureRequestVariables.COST_ESTIMATE) && value instanceof Number price
          && new BigDecimal(price.toString()).signum() == 0 ? "No charge" : format(value);
      if (text != null) {
        parts.add(new Part(field.label(), text));
      }
    }
    return new PublicReply(parts);
  }

  /** The variables any kind of mail reads: what the forms must mark as written for the customer. */
  public static Set<String> publicVariables() {
    return FIELDS.values().stream().flatMap(List::stream).map(Field::variable).collect(Collectors.toSet());
  }

  /** The variables the mail of {@code kind} reads, in the order the customer reads them. */
  public static List<String> variablesOf(NotificationKind kind) {
    return FIELDS.getOrDefault(kind, List.of()).stream().map(Field::variable).toList();
  }

  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /** Plain text: a short value on the label's line, longer text below it. */
  public String asText() {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      boolean shortValue = part.text().length() <= 60 && !part.text().contains("\n");
      text.append(part.label()).append(':').append(shortValue ? " " : "\n").append(part.text());
    }
    return text.toString();
  }

  private static String format(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean yes) {
      return yes ? "Yes" : "No";
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    String text = value.toString().replace("\r\n", "\n").replace('\r', '\n').strip();
    return text.isEmpty() ? null : text;
  }
}
