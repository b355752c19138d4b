package dev.supportdesk.escalation.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Table {@code sla_clock}. Uses the engine's DataSource, so in the application a clock changes in the
 * same transaction as the process step that changed it.
 */
public class SlaClockRepository {

  private static final RowMapper<SlaClockRecord> ROWS = SlaClockRepository::map;

  private final JdbcTemplate jdbc;

  public SlaClockRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<SlaClockRecord> forCase(String caseReference) {
    return jdbc.query("SELECT * FROM sla_clock WHERE case_reference = ? ORDER BY target, clock_round", ROWS,
        caseReference);
  }

  /** The case's current clock of the target: the latest round (a reopen starts a new resolution clock). */
  public Optional<SlaClockRecord> find(String caseReference, SlaTarget target) {
    return jdbc.query("SELECT * FROM sla_clock WHERE case_reference = ? AND target = ? ORDER BY clock_round DESC",
        ROWS, caseReference, target.name()).stream().findFirst();
  }

  /** Round of each clock of the case (1 for the first, 2 after the first reopen, ...), by clock id. */
  public java.util.Map<String, Integer> rounds(String caseReference) {
    java.util.Map<String, Integer> rounds = new java.util.HashMap<>();
    jdbc.query("SELECT id, clock_round FROM sla_clock WHERE case_reference = ?",
        (org.springframework.jdbc.core.RowCallbackHandler) rs -> rounds.put(rs.getString("id"), rs.getInt("clock_round")),
        caseReference);
    return rounds;
  }

  /** Every clock whose state changed between two instants, for an auditor's export. */
  public List<SlaClockRecord> updatedBetween(Instant from, Instant to) {
    return jdbc.query("SELECT * FROM sla_clock WHERE updated_at >= ? AND updated_at < ? ORDER BY updated_at, id",
        ROWS, time(from), time(to));
  }

  public void insert(SlaClockRecord clock, Instant now) {
    jdbc.update("INSERT INTO sla_clock (id, case_reference, target, priority, severity, organisation_id,"
            + " target_duration, target_seconds, responsible_tier, state, started_at, paused_since, pause_reason,"
            + " paused_seconds, paused_business_seconds, warning_due, due, warned_at, breached_at, met_at,"
            + " elapsed_business_seconds, updated_at, clock_round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?,"
            + " (SELECT COALESCE(MAX(r.clock_round), 0) + 1 FROM sla_clock r WHERE r.case_reference = ? AND r.target = ?))",
        clock.id(), clock.caseReference(), clock.target().name(), clock.priority(), clock.severity(),
        clock.organisationId(), clock.targetDuration(), clock.targetBusiness().getSeconds(), clock.responsibleTier(),
        clock.state().name(), time(clock.startedAt()), time(clock.pausedSince()), clock.pauseReason(),
        clock.pausedWall().getSeconds(), clock.pausedBusiness().getSeconds(), time(clock.warningDue()),
        time(clock.due()), time(clock.warnedAt()), time(clock.breachedAt()), time(clock.metAt()),
        seconds(clock.elapsedBusiness()), time(now), clock.caseReference(), clock.target().name());
  }

  public void update(SlaClockRecord clock, Instant now) {
    int rows = jdbc.update("UPDATE sla_clock SET priority = ?, severity = ?, target_duration = ?, target_seconds = ?,"
            + " responsible_tier = ?, state = ?, paused_since = ?, pause_reason = ?, paused_seconds = ?,"
            + " paused_business_seconds = ?, warning_due = ?, due = ?, warned_at = ?, breached_at = ?, met_at = ?,"
            + " elapsed_business_seconds = ?, updated_at = ? WHERE id = ?",
        clock.priority(), clock.severity(), clock.targetDuration(), clock.targetBusiness().getSeconds(),
        clock.responsibleTier(), clock.state().name(), time(clock.pausedSince()), clock.pauseReason(),
        clock.pausedWall().getSeconds(), clock.pausedBusiness().getSeconds(), time(clock.warningDue()),
        time(clock.due()), time(clock.warnedAt()), time(clock.breachedAt()), time(clock.metAt()),
        seconds(clock.elapsedBusiness()), time(now), clock.id());
    if (rows != 1) {
      throw new IllegalStateException("SLA clock " + clock.id() + " of case " + clock.caseReference() + " is gone");
    }
  }

  private static SlaClockRecord map(ResultSet rs, int row) throws SQLException {
    long elapsed = rs.getLong("elapsed_business_seconds");
    Duration elapsedBusiness = rs.wasNull() ? null : Duration.ofSeconds(elapsed);
    return new SlaClockRecord(rs.getString("id"), rs.getString("case_reference"),
        SlaTarget.valueOf(rs.getString("target")), rs.getString("priority"), rs.getString("severity"),
        rs.getString("organisation_id"), rs.getString("target_duration"),
        Duration.ofSeconds(rs.getLong("target_seconds")), rs.getString("responsible_tier"),
        SlaClockRecord.State.valueOf(rs.getString("state")), instant(rs, "started_at"), instant(rs, "paused_since"),
        rs.getString("pause_reason"), Duration.ofSeconds(rs.getLong("paused_seconds")),
        Duration.ofSeconds(rs.getLong("paused_business_seconds")), instant(rs, "warning_due"), instant(rs, "due"),
        instant(rs, "warned_at"), instant(rs, "breached_at"), instant(rs, "met_at"), elapsedBusiness);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.getSeconds();
  }
}
