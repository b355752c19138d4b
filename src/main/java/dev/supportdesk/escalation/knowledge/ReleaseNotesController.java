package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.intake.ApiProblem;
import dev.supportdesk.escalation.knowledge.ReleaseNotes.EntryKind;
import dev.supportdesk.escalation.knowledge.ReleaseNotes.ReleaseNote;
import dev.supportdesk.escalation.security.Customer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Posted release notes as customers read them, and following them: a follower gets one mail per posted note
 * of the products they follow ({@code ReleaseNotesPostedProcess}). Notes not yet posted do not exist here.
 */
@RestController
@RequestMapping(path = "/api/release-notes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Release notes", description = "What changed in each release; follow them by e-mail")
public class ReleaseNotesController {

  static final int LIMIT_MAX = 50;
  private static final Pattern REFERENCE = Pattern.compile("(?i)RN-?([1-9][0-9]{0,17})");

  /** A fixed ticket names its ticket; a feature request is never named: it is another customer's case. */
  public record EntryView(String kind, String ticket, String text) {}

  public record ReleaseNoteView(String reference, String product, String version, LocalDate releasedOn,
      Instant postedAt, List<EntryView> entries) {}

  /** The body of {@code PUT /api/release-notes/following}: a product, or none for every product. */
  public record FollowRequest(String product) {}

  private final ReleaseNotes notes;

  public ReleaseNotesController(ReleaseNotes notes) {
    this.notes = notes;
  }

  @Operation(summary = "Posted release notes, newest first")
  @GetMapping
  public List<ReleaseNoteView> list(
      @Parameter(description = "Only this product's notes (and those naming none)") @RequestParam(required = false) String product,
      @RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > LIMIT_MAX) {
      throw ApiProblem.invalid("limit", "between 1 and " + LIMIT_MAX);
    }
    return notes.posted(product(product), limit).stream().map(ReleaseNotesController::view).toList();
  }

  @Operation(summary = "One posted release note")
  @GetMapping("/{reference}")
  public ReleaseNoteView read(@PathVariable String reference) {
    var matcher = REFERENCE.matcher(reference);
    ReleaseNote note = matcher.matches() ? notes.find(Long.parseLong(matcher.group(1))).orElse(null) : null;
    if (note == null || note.postedAt() == null) {
      throw new ApiProblem(HttpStatus.NOT_FOUND, "Release note not found",
          "No release note " + KnowledgeBase.shorten(reference) + " is posted.", List.of());
    }
    return view(note);
  }

  @Operation(summary = "Which release notes you follow")
  @GetMapping("/following")
  public Map<String, Object> following(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer) {
    return followingState(customer);
  }

  @Operation(summary = "Follow release notes by e-mail",
      description = "One mail per posted note of the product, or of every product when no product is given.")
  @PutMapping(path = "/following", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Transactional
  public Map<String, Object> follow(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @RequestBody FollowRequest request) {
    notes.follow(customer.id(), product(request == null ? null : request.product()));
    return followingState(customer);
  }

  @Operation(summary = "Stop following release notes")
  @DeleteMapping("/following")
  @Transactional
  public Map<String, Object> unfollow(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer) {
    notes.unfollow(customer.id());
    return followingState(customer);
  }

  private Map<String, Object> followingState(Customer customer) {
    List<String> followed = notes.followed(customer.id());
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("following", !followed.isEmpty());
    state.put("allProducts", followed.contains(""));
    state.put("products", followed.stream().filter(product -> !product.isEmpty()).toList());
    return state;
  }

  private static String product(String product) {
    if (product == null || product.isBlank()) {
      return null;
    }
    if (product.length() > KnowledgeBase.PRODUCT_MAX) {
      throw ApiProblem.invalid("product", "at most " + KnowledgeBase.PRODUCT_MAX + " characters");
    }
    if (!ReleaseNotes.isProductName(product.strip())) {
      throw ApiProblem.invalid("product", "letters, digits, spaces and . _ + - / ( ) only");
    }
    return product.strip();
  }

  public static ReleaseNoteView view(ReleaseNote note) {
    return new ReleaseNoteView(note.reference(), note.product(), note.version(), note.releasedOn(), note.postedAt(),
        note.entries().stream().map(entry -> new EntryView(entry.kind().name(),
            entry.kind() == EntryKind.TICKET ? entry.reference() : null, entry.text())).toList());
  }
}
