package dev.supportdesk.escalation.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Organisation members who opted in to a copy of every case mail of their organisation (table
 * {@code notification_watcher}). Copies go out only while the organisation has shared access.
 */
@Repository
public class NotificationWatchers {

  private final JdbcTemplate jdbc;

  public NotificationWatchers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void watch(String organisationId, String userId, Instant at) {
    if (!isWatching(organisationId, userId)) {
      jdbc.update("INSERT INTO notification_watcher (organisation_id, user_id, created_at) VALUES (?, ?, ?)",
          organisationId, userId, Timestamp.from(at));
    }
  }

  public void unwatch(String organisationId, String userId) {
    jdbc.update("DELETE FROM notification_watcher WHERE organisation_id = ? AND user_id = ?", organisationId, userId);
  }

  public boolean isWatching(String organisationId, String userId) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM notification_watcher"
        + " WHERE organisation_id = ? AND user_id = ?", Integer.class, organisationId, userId);
    return count != null && count > 0;
  }

  /** Watchers who receive copies now: the organisation must have shared access. */
  public List<String> activeWatchers(String organisationId) {
    return jdbc.queryForList("SELECT w.user_id FROM notification_watcher w"
        + " JOIN organisation_shared_access s ON s.organisation_id = w.organisation_id"
        + " WHERE w.organisation_id = ? ORDER BY w.user_id", String.class, organisationId);
  }
}
