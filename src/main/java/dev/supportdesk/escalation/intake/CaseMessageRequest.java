package dev.supportdesk.escalation.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/cases/{reference}/messages}: information or an answer for support. */
public record CaseMessageRequest(
    @NotBlank @Size(max = OpenCaseRequest.TEXT_MAX) @PlainText String text) {}
