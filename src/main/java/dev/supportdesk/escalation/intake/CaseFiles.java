package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.conversation.ConversationVariables.MessageKind;
import dev.supportdesk.escalation.intake.CaseAttachments.AttachmentInfo;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Files customers attach for support staff, checked by {@link AttachmentPolicy}. */
@Service
public class CaseFiles {

  private final CaseAttachments attachments;
  private final CaseConversation conversation;
  private final Clock clock = Clock.systemUTC();

  public CaseFiles(CaseAttachments attachments, CaseConversation conversation) {
    this.attachments = attachments;
    this.conversation = conversation;
  }

  /**
   * Keeps the file with the case and gives the tier holding the case a task to look at it, in one
   * transaction (again in a fresh one when a message moved the case at the same moment). A closed case
   * takes no more files, as it takes no more messages.
   */
  public AttachmentInfo attach(CustomerCase c, String uploadedBy, String originalName, String declaredType,
      byte[] content) {
    return attach(c, uploadedBy, originalName, declaredType, content, true);
  }

  /**
   * As {@link #attach(CustomerCase, String, String, String, byte[])}; with {@code tellAnAgent} false no
   * task is created for the file, because the message it came with names it (a mail with attachments).
   */
  public AttachmentInfo attach(CustomerCase c, String uploadedBy, String originalName, String declaredType,
      byte[] content, boolean tellAnAgent) {
    AttachmentPolicy.Accepted accepted = AttachmentPolicy.check(originalName, declaredType, content);
    String sha256 = sha256(content);
    return conversation.retryingLostRaces(c.reference(), () -> {
      if (!conversation.isOpen(c.reference())) {
        throw ApiProblem.conflict("Case " + c.reference() + " is closed: open a new case and mention this reference.");
      }
      AttachmentInfo info = new AttachmentInfo(UUID.randomUUID().toString(), accepted.fileName(),
          accepted.contentType(), content.length, sha256, uploadedBy, clock.instant());
      attachments.insert(info, c.reference(), content);
      if (tellAnAgent) {
        conversation.tellAnAgent(c.reference(), MessageKind.ATTACHMENT, info.id(), uploadedBy,
            "File attached: " + describe(info));
      }
      return info;
    });
  }

  /** "name.log (text/plain, 2 KB)": how a file is named to agents. */
  public static String describe(AttachmentInfo info) {
    return info.fileName() + " (" + info.contentType() + ", " + size(info.size()) + ")";
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 512) / 1024 + " KB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
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
