package dev.supportdesk.escalation.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/cases}. Reporter and organisation come from the login, never from here. */
@Schema(description = "A new case. Only summary and description are required.")
public record OpenCaseRequest(
    @Schema(example = "Export to PDF fails with timeout", maxLength = OpenCaseRequest.SUMMARY_MAX)
    @NotBlank @Size(max = SUMMARY_MAX) @PlainText String summary,
    @Schema(example = "Since the upgrade to 4.2 every export over 50 pages stops after 60 seconds.",
        maxLength = OpenCaseRequest.TEXT_MAX)
    @NotBlank @Size(max = TEXT_MAX) @PlainText String description,
    @Schema(example = "Reporting") @Size(max = 100) @PlainText String product,
    @Schema(example = "4.2.1") @Size(max = 50) @PlainText String version,
    @Size(max = TEXT_MAX) @PlainText String stepsToReproduce,
    @Size(max = TEXT_MAX) @PlainText String errorMessages,
    @Size(max = SHORT_TEXT_MAX) @PlainText String recentChanges,
    @Size(max = SHORT_TEXT_MAX) @PlainText String environment,
    @Schema(description = "How much of your business is affected; with urgency it decides the case's priority")
    Rating impact,
    @Schema(description = "How soon it must be fixed; CRITICAL on either is never handled as standard")
    Rating urgency,
    @Schema(description = "PROBLEM (default) or FEATURE_REQUEST") CaseType type) {

  public static final int SUMMARY_MAX = 200;
  public static final int TEXT_MAX = 20_000;
  public static final int SHORT_TEXT_MAX = 5_000;

  public CaseType typeOrDefault() {
    return type == null ? CaseType.PROBLEM : type;
  }
}
