package dev.supportdesk.escalation.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Files customers attach to a case (table {@code case_attachment}), kept in the database beside the
 * case. They are for support staff only: no process variable refers to them, so no call activity
 * (engineering, feature requests) ever receives them.
 */
@Repository
public class CaseAttachments {

  /** What the customer sees of an attachment: never its content through the list. */
  public record AttachmentInfo(String id, String fileName, String contentType, long size, String sha256,
      String uploadedBy, Instant uploadedAt) {}

  /** A file with its content, for staff downloading it. */
  public record StoredFile(AttachmentInfo info, byte[] content) {}

  private final JdbcTemplate jdbc;

  public CaseAttachments(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(AttachmentInfo info, String caseReference, byte[] content) {
    jdbc.update("INSERT INTO case_attachment (id, case_reference, uploaded_by, file_name, content_type, size_bytes,"
            + " sha256, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        info.id(), caseReference, info.uploadedBy(), info.fileName(), info.contentType(), info.size(),
        info.sha256(), content, Timestamp.from(info.uploadedAt()));
  }

  public List<AttachmentInfo> forCase(String caseReference) {
    return jdbc.query("SELECT id, file_name, content_type, size_bytes, sha256, uploaded_by, created_at"
            + " FROM case_attachment WHERE case_reference = ? ORDER BY created_at, id",
        (rs, n) -> new AttachmentInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), caseReference);
  }

  /** The file {@code id} if it belongs to the case {@code caseReference}: ids of other cases find nothing. */
  public Optional<StoredFile> content(String caseReference, String id) {
    return jdbc.query("SELECT id, file_name, content_type, size_bytes, sha256, uploaded_by, created_at, content"
            + " FROM case_attachment WHERE case_reference = ? AND id = ?",
        (rs, n) -> new StoredFile(new AttachmentInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), rs.getBytes(8)),
        caseReference, id).stream().findFirst();
  }
}
