package dev.supportdesk.escalation.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.engineering.EngineeringVariables;
import dev.supportdesk.escalation.feature.FeatureRequestVariables;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PublicReplyTest {

  static final String INTERNAL = "INTERNAL-NOTE-7731";

  /** Every variable a case holds, the internal ones carrying a marker. */
  static Map<String, Object> everything() {
    Map<String, Object> variables = new HashMap<>();
    for (String internal : new String[] {"tier1Findings", "tier2Findings", "rootCause", "tier2Reanalysis",
        "tier2StepsTaken", "confirmationNotes", "engineeringDescription", "fixDescription", "verificationNotes",
        "monitoringNotes", "stagingTestNotes", "featureBrief", "workshopOutcome", "objectionReason",
        "slaWarningNote", "engineeringDoneFollowUpNotes", "networkAnalysisResult", "databaseAnalysisResult"}) {
      variables.put(internal, INTERNAL);
    }
    variables.put(Tier2Variables.INFORMATION_REQUEST, "Which version do you run?");
    variables.put(Tier2Contract.WORKAROUND, "Restart the exporter.");
    variables.put(Tier1Variables.RESOLUTION_TEXT, "Set the timeout to 60 s.");
    variables.put(EngineeringVariables.TARGET_RELEASE, "7.25.0");
    variables.put(EngineeringVariables.PLANNED_QUARTER, "2027-Q1");
    variables.put(EngineeringVariables.RELEASE_VERSION, "7.24.3");
    variables.put(EngineeringVariables.APP_UPDATE_REQUIRED, true);
    variables.put("releaseNotes", "Exports no longer time out.");
    variables.put(FeatureRequestVariables.DECISION_REASON, "Fits the roadmap.");
    variables.put(FeatureRequestVariables.FEATURE_SCOPE, "CSV export of invoices");
    variables.put(FeatureRequestVariables.COST_ESTIMATE, 1200.0);
    return variables;
  }

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void noKindEverReadsAnInternalNote(NotificationKind kind) {
    PublicReply reply = PublicReply.of(kind, everything()::get);
    assertThat(reply.asText()).doesNotContain(INTERNAL);
  }

  @Test
  void eachStepThatAddressesTheCustomerCarriesWhatTheAgentWrote() {
    Map<String, Object> all = everything();
    assertThat(PublicReply.of(NotificationKind.INFORMATION_REQUESTED, all::get).asText())
        .isEqualTo("Our question: Which version do you run?");
    assertThat(PublicReply.of(NotificationKind.INFORMATION_REMINDER, all::get).asText())
        .contains("Which version do you run?");
    assertThat(PublicReply.of(NotificationKind.WORKAROUND_AVAILABLE, all::get).asText())
        .isEqualTo("Workaround: Restart the exporter.");
    assertThat(PublicReply.of(NotificationKind.RESOLUTION_PROPOSED, all::get).asText())
        .isEqualTo("Proposed resolution: Set the timeout to 60 s.");
    assertThat(PublicReply.of(NotificationKind.SOLVED_PLANNED_FOR_RELEASE, all::get).asText())
        .isEqualTo("Planned release: 7.25.0\n\nPlanned quarter: 2027-Q1");
    assertThat(PublicReply.of(NotificationKind.FIX_RELEASED, all::get).asText()).isEqualTo(
        "Version: 7.24.3\n\nUpdate of the application needed: Yes\n\nRelease notes: Exports no longer time out.");
    assertThat(PublicReply.of(NotificationKind.ENGINEERING_DONE, all::get).asText()).contains("7.24.3");
    assertThat(PublicReply.of(NotificationKind.FEATURE_REQUEST_QUOTE, all::get).asText())
        .isEqualTo("What we will build: CSV export of invoices\n\nPrice: 1200");
    assertThat(PublicReply.of(NotificationKind.FEATURE_REQUEST_DECLINED, all::get).asText())
        .isEqualTo("Our decision: Fits the roadmap.");
    assertThat(PublicReply.of(NotificationKind.CASE_RECEIVED, all::get).isEmpty()).isTrue();
  }

  @Test
  void emptyFieldsAreLeftOutAndNothingToChargeSaysSo() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(FeatureRequestVariables.DECISION_REASON, "   ");
    variables.put(FeatureRequestVariables.FEATURE_SCOPE, "Dark mode");
    variables.put(FeatureRequestVariables.COST_ESTIMATE, 0L);
    assertThat(PublicReply.of(NotificationKind.FEATURE_REQUEST_ACCEPTED, variables::get).asText())
        .isEqualTo("What we will build: Dark mode\n\nPrice: No charge");
    variables.put(EngineeringVariables.APP_UPDATE_REQUIRED, false);
    assertThat(PublicReply.of(NotificationKind.FIX_RELEASED, variables::get).asText())
        .isEqualTo("Update of the application needed: No");
  }

  @Test
  void longTextStartsOnItsOwnLine() {
    Map<String, Object> variables = Map.of(Tier2Contract.WORKAROUND, "1. Stop the service\r\n2. Clear the cache");
    assertThat(PublicReply.of(NotificationKind.WORKAROUND_AVAILABLE, variables::get).asText())
        .isEqualTo("Workaround:\n1. Stop the service\n2. Clear the cache");
  }
}
