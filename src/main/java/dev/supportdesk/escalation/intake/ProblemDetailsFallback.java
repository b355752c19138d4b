package dev.supportdesk.escalation.intake;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for Spring MVC's own errors that happen before any endpoint is chosen (no endpoint
 * for the path, a method or content type no endpoint takes). Boot's equivalent
 * ({@code spring.mvc.problemdetails.enabled}) steps back as soon as any such handler exists, so this
 * one takes its place, with the lowest precedence: any feature's own advice comes first.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsFallback extends ResponseEntityExceptionHandler {

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
    return ApiExceptionHandler.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        "Send the request as " + supported + ".",
        List.of(new ApiProblem.InvalidField(HttpHeaders.CONTENT_TYPE, "must be " + supported)));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response != null && response.getBody() instanceof ProblemDetail) {
      return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }
    return response;
  }
}
