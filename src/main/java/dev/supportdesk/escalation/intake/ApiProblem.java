package dev.supportdesk.escalation.intake;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal the customer API answers as {@code application/problem+json}: status, a short title, a
 * detail for humans and, for bad input, every offending field.
 */
public class ApiProblem extends RuntimeException {

  /** One offending field (or header, or part) of a request and why. */
  public record InvalidField(String field, String message) {}

  private final HttpStatus status;
  private final String title;
  private final List<InvalidField> errors;

  public ApiProblem(HttpStatus status, String title, String detail, List<InvalidField> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ApiProblem invalid(String field, String message) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.",
        List.of(new InvalidField(field, message)));
  }

  /** Another customer's case and a case that does not exist look the same. */
  public static ApiProblem caseNotFound(String reference) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "Case not found",
        "No case " + (reference == null ? "" : reference + " ") + "is visible to you.", List.of());
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, List.of());
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, List.of());
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
  }

  public static ApiProblem unsupportedMediaType(String field, String message) {
    return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", message,
        List.of(new InvalidField(field, message)));
  }

  public static ApiProblem tooLarge(String field, String message) {
    return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", message,
        List.of(new InvalidField(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<InvalidField> errors() {
    return errors;
  }
}
