package dev.supportdesk.escalation.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/cases/{reference}/confirmation}: the customer's answer to a proposed
 * resolution. An objection must say why ({@code reason}); an acceptance may rate the support received
 * ({@code rating} 1 to 5 and a {@code comment}), stored with the case for auditors.
 */
public record ConfirmationRequest(
    @NotNull Boolean accepted,
    @Size(max = REASON_MAX) @PlainText String reason,
    @Schema(description = "When you accept: how satisfied you are, 1 (not at all) to 5 (very)") @Min(1) @Max(5)
    Integer rating,
    @Schema(description = "When you accept: a comment on your rating") @Size(max = CaseSatisfaction.COMMENT_MAX)
    @PlainText String comment) {

  public static final int REASON_MAX = 5_000;

  public boolean objectionWithoutReason() {
    return Boolean.FALSE.equals(accepted) && (reason == null || reason.isBlank());
  }
}
