package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.intake.CaseAttachments.AttachmentInfo;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Files customers attach for support staff, checked by {@link AttachmentPolicy}. */
@Service
public class CaseFiles {

  private final CaseAttachments attachments;
  private final Clock clock = Clock.systemUTC();

  public CaseFiles(CaseAttachments attachments) {
    this.attachments = attachments;
  }

  @Transactional
  public AttachmentInfo attach(CustomerCase c, String uploadedBy, String originalName, String declaredType,
      byte[] content) {
    AttachmentPolicy.Accepted accepted = AttachmentPolicy.check(originalName, declaredType, content);
    AttachmentInfo info = new AttachmentInfo(UUID.randomUUID().toString(), accepted.fileName(),
        accepted.contentType(), content.length, sha256(content), uploadedBy, clock.instant());
    attachments.insert(info, c.reference(), content);
    return info;
  }

  public List<AttachmentInfo> list(CustomerCase c) {
    return attachments.forCase(c.reference());
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
