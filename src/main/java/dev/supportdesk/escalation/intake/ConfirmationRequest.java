package dev.supportdesk.escalation.intake;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/cases/{reference}/confirmation}: the customer's answer to a proposed
 * resolution. An objection must say why ({@code reason}).
 */
public record ConfirmationRequest(
    @NotNull Boolean accepted,
    @Size(max = REASON_MAX) @PlainText String reason) {

  public static final int REASON_MAX = 5_000;

  public boolean objectionWithoutReason() {
    return Boolean.FALSE.equals(accepted) && (reason == null || reason.isBlank());
  }
}
