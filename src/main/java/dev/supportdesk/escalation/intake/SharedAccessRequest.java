package dev.supportdesk.escalation.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/organisation/shared-access}: why every member should see every case. */
public record SharedAccessRequest(@NotBlank @Size(max = 2000) @PlainText String reason) {}
