package dev.supportdesk.escalation.intake;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/cases/{reference}/confirmation}: the customer's answer to a proposed resolution. */
public record ConfirmationRequest(
    @NotNull Boolean accepted,
    @Size(max = REASON_MAX) @PlainText String reason) {

  public static final int REASON_MAX = 5_000;

  /** An objection must say why; the field named in the error is {@code reason}. */
  @AssertTrue(message = "is required when the resolution is objected to")
  private boolean isReason() {
    return accepted == null || accepted || (reason != null && !reason.isBlank());
  }
}
