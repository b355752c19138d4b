package dev.supportdesk.escalation.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Shared-access requests (table {@code shared_access_request}) and grants ({@code organisation_shared_access}). */
@Repository
public class SharedAccessStore {

  public enum Status { PENDING, APPROVED, REFUSED }

  public record Request(String id, String organisationId, String requestedBy, String reason, Status status,
      String decisionNote, Instant requestedAt, Instant decidedAt) {}

  private final JdbcTemplate jdbc;

  public SharedAccessStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean isGranted(String organisationId) {
    Integer count = jdbc.queryForObject(
        "SELECT COUNT(*) FROM organisation_shared_access WHERE organisation_id = ?", Integer.class, organisationId);
    return count != null && count > 0;
  }

  public void insertRequest(Request r) {
    jdbc.update("INSERT INTO shared_access_request (id, organisation_id, requested_by, reason, status, requested_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", r.id(), r.organisationId(), r.requestedBy(), r.reason(), r.status().name(),
        Timestamp.from(r.requestedAt()));
  }

  public Optional<Request> pending(String organisationId) {
    return requests(organisationId).stream().filter(r -> r.status() == Status.PENDING).findFirst();
  }

  public Optional<Request> latest(String organisationId) {
    return requests(organisationId).stream().findFirst();
  }

  private List<Request> requests(String organisationId) {
    return jdbc.query("SELECT * FROM shared_access_request WHERE organisation_id = ? ORDER BY requested_at DESC, id",
        (rs, n) -> new Request(rs.getString("id"), rs.getString("organisation_id"), rs.getString("requested_by"),
            rs.getString("reason"), Status.valueOf(rs.getString("status")), rs.getString("decision_note"),
            rs.getTimestamp("requested_at").toInstant(),
            rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant()),
        organisationId);
  }

  public void decide(String requestId, Status status, String decidedBy, String note, Instant at) {
    jdbc.update("UPDATE shared_access_request SET status = ?, decided_by = ?, decision_note = ?, decided_at = ?"
        + " WHERE id = ?", status.name(), decidedBy, note, Timestamp.from(at), requestId);
  }

  public void grant(String organisationId, String requestId, String grantedBy, Instant at) {
    if (!isGranted(organisationId)) {
      jdbc.update("INSERT INTO organisation_shared_access (organisation_id, request_id, granted_by, granted_at)"
          + " VALUES (?, ?, ?, ?)", organisationId, requestId, grantedBy, Timestamp.from(at));
    }
  }
}
