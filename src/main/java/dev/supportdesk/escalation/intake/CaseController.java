package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.intake.CaseAttachments.AttachmentInfo;
import dev.supportdesk.escalation.intake.CaseMessagesStore.StoredMessage;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.security.Customer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The customer's cases: open, list, read, write to support, attach files, answer a proposed resolution. */
@RestController
@RequestMapping(path = "/api/cases", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cases", description = "Your support cases")
public class CaseController {

  public record Opened(String reference, CaseView.Status status, String summary, Instant openedAt) {}

  public record MessageAccepted(String id, Instant createdAt,
      @io.swagger.v3.oas.annotations.media.Schema(description = "true when support was waiting for this answer")
      boolean answeredOpenQuestion) {}

  public record ConfirmationAccepted(boolean accepted, Instant createdAt) {}

  /** A quote awaiting the customer's answer: what will be built and its price. */
  public record PendingQuote(String scope, Object cost) {}

  public record QuoteAnswered(boolean approved, Instant createdAt) {}

  private final CaseIntake intake;
  private final CaseAccess access;
  private final CaseView view;
  private final CaseConversation conversation;
  private final CaseFiles files;
  private final CaseSatisfaction satisfaction;

  public CaseController(CaseIntake intake, CaseAccess access, CaseView view, CaseConversation conversation,
      CaseFiles files, CaseSatisfaction satisfaction) {
    this.satisfaction = satisfaction;
    this.intake = intake;
    this.access = access;
    this.view = view;
    this.conversation = conversation;
    this.files = files;
  }

  @Operation(summary = "Open a case",
      description = "Reporter and organisation are taken from your login. Send an Idempotency-Key header to make"
          + " retries safe: the same key and body return the case of the first request (200).")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Opened> open(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @Parameter(description = "Up to 100 characters: letters, digits, . _ : -")
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody OpenCaseRequest request) {
    if (idempotencyKey != null && !IdempotencyKeys.FORMAT.matcher(idempotencyKey).matches()) {
      throw ApiProblem.invalid(IdempotencyKeys.HEADER, "must be 1 to 100 letters, digits or . _ : -");
    }
    if (request.summary().contains("\n") || request.summary().contains("\r")) {
      throw ApiProblem.invalid("summary", "must be a single line");
    }
    CaseIntake.Opened opened = intake.open(customer, request, idempotencyKey);
    CustomerCase c = opened.customerCase();
    CaseView.Summary summary = view.summary(c);
    return ResponseEntity.status(opened.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
        .location(URI.create("/api/cases/" + c.reference()))
        .body(new Opened(c.reference(), summary.status(), c.summary(), c.createdAt()));
  }

  @Operation(summary = "Your cases", description = "With shared organisation access: all cases of your organisation.")
  @GetMapping
  public List<CaseView.Summary> list(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer) {
    return access.list(customer).stream().map(view::summary).toList();
  }

  @Operation(summary = "A case with its status and timeline")
  @GetMapping("/{reference}")
  public CaseView.Details read(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @PathVariable String reference) {
    return view.details(access.readable(customer, reference));
  }

  @Operation(summary = "Mails about a case", description = "Every mail the case caused, sent or waiting in the outbox.")
  @GetMapping("/{reference}/notifications")
  public List<CaseView.NotificationView> notifications(
      @Parameter(hidden = true) @AuthenticationPrincipal Customer customer, @PathVariable String reference) {
    return view.notifications(access.readable(customer, reference));
  }

  @Operation(summary = "Write to support",
      description = "Adds information to the case; when support asked you a question, this is your answer.")
  @PostMapping(path = "/{reference}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public MessageAccepted message(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @PathVariable String reference, @Valid @RequestBody CaseMessageRequest request) {
    CustomerCase c = access.writable(customer, reference);
    StoredMessage stored = conversation.addMessage(c, customer.id(), request.text());
    return new MessageAccepted(stored.id(), stored.createdAt(), stored.delivered());
  }

  @Operation(summary = "Attach a file for support staff",
      description = "One file per request, at most 10 MB: .txt, .log, .json, .png, .jpg, .pdf or .zip."
          + " Files stay with support; they are never passed on to engineering.")
  @PostMapping(path = "/{reference}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public AttachmentInfo attach(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @PathVariable String reference, @RequestPart("file") MultipartFile file) {
    CustomerCase c = access.writable(customer, reference);
    if (file.getSize() > AttachmentPolicy.MAX_BYTES) {
      throw ApiProblem.tooLarge("file", "must be at most 10 MB");
    }
    try {
      return files.attach(c, customer.id(), file.getOriginalFilename(), file.getContentType(), file.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Operation(summary = "Attachments of a case (metadata only)")
  @GetMapping("/{reference}/attachments")
  public List<AttachmentInfo> attachments(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @PathVariable String reference) {
    return files.list(access.readable(customer, reference));
  }

  @Operation(summary = "Accept or object to the proposed resolution",
      description = "409 when the case is not waiting for your confirmation. An objection needs a reason; an"
          + " acceptance may carry a rating (1 to 5) and a comment.")
  @PostMapping(path = "/{reference}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ConfirmationAccepted confirm(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @PathVariable String reference, @Valid @RequestBody ConfirmationRequest request) {
    if (request.objectionWithoutReason()) {
      throw ApiProblem.invalid("reason", "is required when you object to the resolution");
    }
    CustomerCase c = access.writable(customer, reference);
    StoredMessage stored = satisfaction.answer(c, customer.id(), request.accepted(), request.reason(),
        request.rating(), request.comment());
    return new ConfirmationAccepted(request.accepted(), stored.createdAt());
  }

  @Operation(summary = "The quote of a feature request that awaits your answer",
      description = "404 when no quote of the case awaits an answer.")
  @GetMapping("/{reference}/quote")
  public PendingQuote quote(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @PathVariable String reference) {
    CustomerCase c = access.readable(customer, reference);
    var quote = conversation.pendingQuote(c.reference())
        .orElseThrow(() -> ApiProblem.notFound("Case " + c.reference() + " has no quote waiting for your answer."));
    Object scope = quote.get(dev.supportdesk.escalation.casefile.CaseMessages.QUOTE_SCOPE);
    return new PendingQuote(scope == null ? null : scope.toString(),
        quote.get(dev.supportdesk.escalation.casefile.CaseMessages.QUOTE_COST));
  }

  @Operation(summary = "Approve or decline the quote of a feature request",
      description = "Approved, the request is scheduled; declined, it is withdrawn. 409 when no quote awaits an answer.")
  @PostMapping(path = "/{reference}/quote", consumes = MediaType.APPLICATION_JSON_VALUE)
  public QuoteAnswered answerQuote(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @PathVariable String reference, @Valid @RequestBody QuoteAnswerRequest request) {
    CustomerCase c = access.writable(customer, reference);
    StoredMessage stored = conversation.answerQuote(c, customer.id(), request.approved(), request.comment());
    return new QuoteAnswered(request.approved(), stored.createdAt());
  }
}
