package dev.supportdesk.escalation.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.supportdesk.escalation.intake.ApiProblem.InvalidField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal of the customer API as RFC 9457 problem details ({@code application/problem+json})
 * with an {@code errors} list naming each offending field, header or part. Never a stack trace, never
 * an internal message: unexpected failures are logged and answered with a bare 500.
 */
@RestControllerAdvice(basePackageClasses = {CaseController.class,
    dev.supportdesk.escalation.knowledge.KnowledgeController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
  public static final String ERRORS = "errors";

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> apiProblem(ApiProblem problem) {
    return problem(problem.status(), problem.title(), problem.getMessage(), problem.errors());
  }

  @ExceptionHandler(OptimisticLockingException.class)
  ResponseEntity<Object> concurrentChange(OptimisticLockingException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", "The case changed at the same moment: please try again.", List.of());
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<Object> duplicate(DuplicateKeyException e) {
    return problem(HttpStatus.CONFLICT, "Conflict",
        "The same request is being processed at this moment: please retry it.", List.of());
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> badMultipart(MultipartException e) {
    if (e instanceof MaxUploadSizeExceededException) {
      return tooLargeUpload();
    }
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The multipart body cannot be read.",
        List.of(new InvalidField("file", "send one file as multipart/form-data part 'file'")));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    LOG.error("Customer API request failed", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "Your request could not be completed. Please try again later.", List.of());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<InvalidField> errors = new ArrayList<>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      errors.add(new InvalidField(error.getField(), error.getDefaultMessage()));
    }
    ex.getBindingResult().getGlobalErrors()
        .forEach(error -> errors.add(new InvalidField(error.getObjectName(), error.getDefaultMessage())));
    errors.sort(java.util.Comparator.comparing(InvalidField::field));
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.", errors);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<InvalidField> errors = ex.getParameterValidationResults().stream()
        .flatMap(result -> result.getResolvableErrors().stream().map(error -> new InvalidField(
            result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
        .toList();
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.", errors);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiRequestLimits.BodyTooLargeException) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", cause.getMessage(),
            List.of(new InvalidField("body", cause.getMessage())));
      }
    }
    Throwable cause = ex.getCause();
    InvalidField error;
    if (cause instanceof UnrecognizedPropertyException unknown) {
      error = new InvalidField(path(unknown), "is not a known field");
    } else if (cause instanceof InvalidFormatException format && format.getTargetType() != null
        && format.getTargetType().isEnum()) {
      error = new InvalidField(path(format), "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants())
          .map(Object::toString).collect(Collectors.joining(", ")));
    } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      error = new InvalidField(path(mismatch), "has the wrong type" + expected(mismatch.getTargetType()));
    } else if (cause instanceof MismatchedInputException) {
      error = new InvalidField("body", "must be a JSON object");
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      error = new InvalidField(path(mapping), "is not valid here");
    } else if (cause instanceof JsonProcessingException) {
      error = new InvalidField("body", "is not valid JSON");
    } else {
      error = new InvalidField("body", "is required: a JSON object");
    }
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body cannot be read.", List.of(error));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        "Send the request as " + supported + ".",
        List.of(new InvalidField(HttpHeaders.CONTENT_TYPE, "must be " + supported)));
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return tooLargeUpload();
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "A part of the multipart body is missing.",
        List.of(new InvalidField(ex.getRequestPartName(), "is required")));
  }

  @Override
  protected ResponseEntity<Object> handleServletRequestBindingException(
      org.springframework.web.bind.ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    String field = ex instanceof MissingRequestHeaderException header ? header.getHeaderName() : "request";
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request is incomplete.",
        List.of(new InvalidField(field, "is required")));
  }

  /** Spring's own exceptions not overridden above: keep their status, answer in the same shape. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    HttpStatus status = HttpStatus.resolve(statusCode.value());
    String title = status == null ? "Error" : status.getReasonPhrase();
    String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail() : title;
    return problem(statusCode, title, detail, List.of());
  }

  private ResponseEntity<Object> tooLargeUpload() {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", "The file is too large.",
        List.of(new InvalidField("file", "must be at most " + AttachmentPolicy.MAX_BYTES / (1024 * 1024) + " MB")));
  }

  static ResponseEntity<Object> problem(HttpStatusCode status, String title, String detail, List<InvalidField> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (!errors.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      for (InvalidField error : errors) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("field", error.field());
        entry.put("message", error.message());
        list.add(entry);
      }
      problem.setProperty(ERRORS, list);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "";
    }
    if (type == String.class) {
      return ": expected text";
    }
    if (type == Boolean.class || type == boolean.class) {
      return ": expected true or false";
    }
    return ": expected " + type.getSimpleName();
  }
}
