package dev.supportdesk.escalation.intake;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/cases/{reference}/quote}: the customer's answer to the scope and price
 * quoted for their feature request, with optional words for product management.
 */
public record QuoteAnswerRequest(
    @NotNull Boolean approved,
    @Size(max = COMMENT_MAX) @PlainText String comment) {

  public static final int COMMENT_MAX = 5_000;
}
