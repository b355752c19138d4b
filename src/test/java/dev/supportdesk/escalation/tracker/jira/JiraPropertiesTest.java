package dev.supportdesk.escalation.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.tracker.TicketStatus;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scope 1: status and priority mapping, what counts as news, and that the token never shows. */
class JiraPropertiesTest {

  private static JiraProperties properties(Map<String, String> priorities, Map<String, TicketStatus> statuses,
      List<TicketStatus> reopenTo) {
    return new JiraProperties(URI.create("https://acme.atlassian.net"), "bot@acme.example", "secret-token-123",
        "SUP", null, null, null, null, priorities, statuses, reopenTo, "webhook-secret-456", null);
  }

  @Test
  void mapsJirasStandardWorkflowStatusesInAnyLetterCase() {
    JiraProperties jira = properties(null, null, null);

    assertThat(jira.ticketStatus("To Do")).isEqualTo(TicketStatus.SPECIFYING);
    assertThat(jira.ticketStatus("backlog")).isEqualTo(TicketStatus.SPECIFYING);
    assertThat(jira.ticketStatus("Selected for  Development")).isEqualTo(TicketStatus.READY);
    assertThat(jira.ticketStatus("IN REVIEW")).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(jira.ticketStatus("Resolved")).isEqualTo(TicketStatus.DONE);
    assertThat(jira.ticketStatus("Waiting for Legal")).isNull();
  }

  @Test
  void configuredMappingsAddToAndOverrideTheDefaults() {
    JiraProperties jira = properties(Map.of("p0", "Blocker"), Map.of("Waiting for QA", TicketStatus.IN_PROGRESS,
        "Closed", TicketStatus.READY), null);

    assertThat(jira.ticketStatus("waiting for qa")).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(jira.ticketStatus("Closed")).isEqualTo(TicketStatus.READY);
    assertThat(jira.ticketStatus("Done")).isEqualTo(TicketStatus.DONE);
    assertThat(jira.jiraPriority("P0")).isEqualTo("Blocker");
    assertThat(jira.jiraPriority("P1")).isEqualTo("High");
    assertThat(jira.jiraPriority("P3")).isEqualTo("Low");
    assertThat(jira.jiraPriority(null)).isNull();
  }

  @Test
  void followsForwardMovesAndOnlyTheConfiguredReopenOfADoneTicket() {
    JiraProperties jira = properties(null, null, null);

    assertThat(jira.follows(TicketStatus.SPECIFYING, TicketStatus.IN_PROGRESS)).isTrue();
    assertThat(jira.follows(TicketStatus.IN_PROGRESS, TicketStatus.READY)).isFalse();
    assertThat(jira.follows(TicketStatus.DONE, TicketStatus.IN_PROGRESS)).isTrue();
    assertThat(jira.follows(TicketStatus.DONE, TicketStatus.SPECIFYING)).isFalse();
    assertThat(jira.follows(TicketStatus.DONE, TicketStatus.DONE)).isFalse();
    assertThat(properties(null, null, List.of()).follows(TicketStatus.DONE, TicketStatus.IN_PROGRESS)).isFalse();
  }

  @Test
  void neverShowsTheTokenOrTheWebhookSecret() {
    JiraProperties jira = properties(null, null, null);

    assertThat(jira.toString()).doesNotContain("secret-token-123", "webhook-secret-456").contains("SUP");
  }

  @Test
  void cloudSendsUserAndApiTokenAsBasicAndDataCenterTheTokenAsBearer() {
    JiraProperties cloud = properties(null, null, null);
    JiraProperties dataCenter = new JiraProperties(URI.create("https://jira.acme.example"), " ", "pat-789", "SUP",
        null, null, null, null, null, null, null, null, null);

    assertThat(JiraClient.authorization(cloud)).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString("bot@acme.example:secret-token-123".getBytes()));
    assertThat(JiraClient.authorization(dataCenter)).isEqualTo("Bearer pat-789");
  }
}
