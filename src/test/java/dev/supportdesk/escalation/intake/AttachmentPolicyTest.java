package dev.supportdesk.escalation.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class AttachmentPolicyTest {

  static final byte[] TEXT = "2026-11-25 ERROR export timed out\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] PDF = "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII);

  @Test
  void acceptsLogsUnderTheirCanonicalTypeWhateverGenericTypeTheClientDeclared() {
    assertThat(AttachmentPolicy.check("server.log", "application/octet-stream", TEXT))
        .isEqualTo(new AttachmentPolicy.Accepted("server.log", "text/plain"));
    assertThat(AttachmentPolicy.check("Report.PDF", "application/pdf", PDF).contentType()).isEqualTo("application/pdf");
  }

  @Test
  void replacesUnsafeCharactersButKeepsTheName() {
    assertThat(AttachmentPolicy.check("résumé <v2>;rm -rf.txt", "text/plain", TEXT).fileName())
        .isEqualTo("r_sum_ _v2__rm -rf.txt");
    assertThat(AttachmentPolicy.check(".hidden.log", "text/plain", TEXT).fileName()).isEqualTo("hidden.log");
  }

  @Test
  void refusesNamesThatTryToLeaveTheirFolder() {
    for (String name : new String[] {"../x.txt", "a/b.txt", "a\\b.txt", "C:boot.log", "~root.txt", "x\u0000.txt"}) {
      assertThatThrownBy(() -> AttachmentPolicy.check(name, "text/plain", TEXT))
          .as(name).isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }
  }

  @Test
  void refusesTypesOutsideTheListAndContentThatDoesNotMatchItsName() {
    assertThatThrownBy(() -> AttachmentPolicy.check("tool.exe", null, new byte[] {'M', 'Z'}))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    assertThatThrownBy(() -> AttachmentPolicy.check("photo.jpg", "image/jpeg", PDF))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    assertThatThrownBy(() -> AttachmentPolicy.check("notes.txt", "text/html", TEXT))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    assertThatThrownBy(() -> AttachmentPolicy.check("data.json", "application/json", new byte[] {(byte) 0xc3, 0x28}))
        .isInstanceOf(ApiProblem.class);
  }

  @Test
  void refusesFilesOverTenMegabytes() {
    byte[] big = new byte[(int) AttachmentPolicy.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    assertThatThrownBy(() -> AttachmentPolicy.check("big.log", "text/plain", big))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
  }
}
