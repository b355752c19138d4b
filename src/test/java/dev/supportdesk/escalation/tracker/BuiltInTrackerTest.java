package dev.supportdesk.escalation.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.escalation.support.PostgresDatabase;
import dev.supportdesk.escalation.tracker.BuiltInTracker.StatusChange;
import dev.supportdesk.escalation.tracker.EngineeringTracker.NewTicket;
import dev.supportdesk.escalation.tracker.EngineeringTracker.Ticket;
import dev.supportdesk.escalation.tracker.EngineeringTracker.TicketNotFoundException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The built-in tracker against the real migration, on H2 (embedded default) and PostgreSQL (production). */
class BuiltInTrackerTest {

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", (DatabaseFactory) () -> new DriverManagerDataSource(
            "jdbc:h2:mem:tracker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")),
        Arguments.of("PostgreSQL", (DatabaseFactory) () -> new DriverManagerDataSource(
            PostgresDatabase.newDatabase("tracker"), "postgres", "postgres")));
  }

  interface DatabaseFactory {
    DataSource create();
  }

  private static BuiltInTracker trackerOn(DatabaseFactory database) {
    DataSource dataSource = database.create();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return new BuiltInTracker(new JdbcTemplate(dataSource));
  }

  private static NewTicket exportDefect(String caseReference, String dedupKey) {
    return new NewTicket(caseReference, dedupKey, "Export times out for 60-page reports",
        "## Description\n\nThe nightly export fails.", "P1", null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void opensNumberedTicketsInSpecifyingLabelledWithTheCase(String name, DatabaseFactory database) {
    BuiltInTracker tracker = trackerOn(database);

    Ticket first = tracker.open(exportDefect("CASE-2026-AAAAAA", "pi-1/Task_OpenEngineeringTicket"));
    Ticket second = tracker.open(exportDefect("CASE-2026-BBBBBB", "pi-2/Task_OpenEngineeringTicket"));

    assertThat(first.key()).isEqualTo("ENG-1");
    assertThat(second.key()).isEqualTo("ENG-2");
    assertThat(first.status()).isEqualTo(TicketStatus.SPECIFYING);
    assertThat(first.caseReference()).isEqualTo("CASE-2026-AAAAAA");
    assertThat(first.summary()).isEqualTo("Export times out for 60-page reports");
    assertThat(first.description()).contains("The nightly export fails.");
    assertThat(first.priority()).isEqualTo("P1");
    assertThat(first.severity()).isNull();
    assertThat(tracker.forCase("CASE-2026-AAAAAA")).containsExactly(first);
    assertThat(tracker.statusHistory("ENG-1")).extracting(StatusChange::status)
        .containsExactly(TicketStatus.SPECIFYING);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void openingAgainForTheSameCaseAndStepReturnsTheSameTicket(String name, DatabaseFactory database) {
    BuiltInTracker tracker = trackerOn(database);
    Ticket opened = tracker.open(exportDefect("CASE-2026-AAAAAA", "pi-1/Task_OpenEngineeringTicket"));

    Ticket retried = tracker.open(exportDefect("CASE-2026-AAAAAA", "pi-1/Task_OpenEngineeringTicket"));
    Ticket otherEscalation = tracker.open(exportDefect("CASE-2026-AAAAAA", "pi-9/Task_OpenEngineeringTicket"));

    assertThat(retried).isEqualTo(opened);
    assertThat(otherEscalation.key()).isNotEqualTo(opened.key());
    assertThat(tracker.forCase("CASE-2026-AAAAAA")).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void movesThroughItsStatusesAndRemembersEachOnce(String name, DatabaseFactory database) {
    BuiltInTracker tracker = trackerOn(database);
    String key = tracker.open(exportDefect("CASE-2026-AAAAAA", "pi-1/open")).key();

    tracker.move(key, TicketStatus.READY);
    tracker.move(key, TicketStatus.IN_PROGRESS);
    tracker.move(key, TicketStatus.IN_PROGRESS); // a retried step
    Ticket done = tracker.move(key, TicketStatus.DONE);

    assertThat(done.status()).isEqualTo(TicketStatus.DONE);
    assertThat(tracker.status(key)).isEqualTo(TicketStatus.DONE);
    assertThat(tracker.statusHistory(key)).extracting(StatusChange::status).containsExactly(
        TicketStatus.SPECIFYING, TicketStatus.READY, TicketStatus.IN_PROGRESS, TicketStatus.DONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void keepsCommentsInOrder(String name, DatabaseFactory database) {
    BuiltInTracker tracker = trackerOn(database);
    String key = tracker.open(exportDefect("CASE-2026-AAAAAA", "pi-1/open")).key();

    tracker.comment(key, "Triage: severity HIGH, hotfix");
    tracker.comment(key, "Regression found after release 7.24.1");

    assertThat(tracker.comments(key)).extracting(BuiltInTracker.Comment::body)
        .containsExactly("Triage: severity HIGH, hotfix", "Regression found after release 7.24.1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void refusesUnknownTicketsAndIncompleteRequests(String name, DatabaseFactory database) {
    BuiltInTracker tracker = trackerOn(database);

    assertThatThrownBy(() -> tracker.move("ENG-404", TicketStatus.READY))
        .isInstanceOf(TicketNotFoundException.class).hasMessageContaining("ENG-404");
    assertThatThrownBy(() -> tracker.comment("ENG-404", "hello"))
        .isInstanceOf(TicketNotFoundException.class);
    assertThatThrownBy(() -> new NewTicket("CASE-2026-AAAAAA", "pi-1/open", " ", null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary");
    assertThat(List.of(TicketStatus.values())).containsExactly(
        TicketStatus.SPECIFYING, TicketStatus.READY, TicketStatus.IN_PROGRESS, TicketStatus.DONE);
  }
}
