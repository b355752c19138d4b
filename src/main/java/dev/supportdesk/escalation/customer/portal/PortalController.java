package dev.supportdesk.escalation.customer.portal;

import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.intake.ApiProblem;
import dev.supportdesk.escalation.intake.AttachmentPolicy;
import dev.supportdesk.escalation.intake.CaseAccess;
import dev.supportdesk.escalation.intake.CaseFiles;
import dev.supportdesk.escalation.intake.CaseConversation;
import dev.supportdesk.escalation.intake.CaseIntake;
import dev.supportdesk.escalation.intake.CaseMessageRequest;
import dev.supportdesk.escalation.intake.CaseSatisfaction;
import dev.supportdesk.escalation.intake.CaseType;
import dev.supportdesk.escalation.intake.CaseView;
import dev.supportdesk.escalation.intake.ConfirmationRequest;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.intake.OpenCaseRequest;
import dev.supportdesk.escalation.intake.QuoteAnswerRequest;
import dev.supportdesk.escalation.intake.Rating;
import dev.supportdesk.escalation.security.Customer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Support Center's pages: server-rendered (Thymeleaf escapes every customer text), forms that work without
 * scripts, over the same services and rules as the customer API ({@link CaseAccess} decides who sees and adds
 * to which case, {@link CaseIntake} opens cases, {@link CaseConversation} carries messages and answers).
 */
@Controller
public class PortalController {

  /** The filters of "My cases", as customers name a case's state. */
  enum Filter { OPEN, SOLVED, CLOSED, ALL }

  private static final Set<CaseStatus> SOLVED = Set.of(CaseStatus.RESOLVED, CaseStatus.SOLVED_PLANNED_FOR_RELEASE);

  private final CaseAccess access;
  private final CaseView view;
  private final CaseIntake intake;
  private final CaseConversation conversation;
  private final Validator validator;
  private final CaseSatisfaction satisfaction;
  private final CaseFiles files;

  public PortalController(CaseAccess access, CaseView view, CaseIntake intake, CaseConversation conversation,
      Validator validator, CaseSatisfaction satisfaction, CaseFiles files) {
    this.satisfaction = satisfaction;
    this.files = files;
    this.access = access;
    this.view = view;
    this.intake = intake;
    this.conversation = conversation;
    this.validator = validator;
  }

  @GetMapping("/portal/login")
  public String login() {
    return "portal/login";
  }

  /** Where a refused request lands (no rights, or a form posted without its valid CSRF token). */
  @RequestMapping("/portal/denied")
  public String denied(@AuthenticationPrincipal Customer customer, Model model, HttpServletResponse response) {
    response.setStatus(403);
    model.addAttribute("customer", customer);
    model.addAttribute("title", "This form has expired");
    model.addAttribute("detail", "Nothing was saved. Go back, reload the page and send the form again.");
    return "portal/error";
  }

  @GetMapping({"/portal", "/portal/"})
  public String home() {
    return "redirect:/portal/cases";
  }

  @GetMapping("/portal/cases")
  public String cases(@AuthenticationPrincipal Customer customer, @RequestParam(defaultValue = "OPEN") String state,
      @RequestParam(required = false) String q, Model model, HttpServletResponse response) {
    Filter filter = parse(state);
    String search = q == null ? "" : q.strip();
    if (search.length() > 200) {
      response.setStatus(400);
      model.addAttribute("error", "Search for at most 200 characters.");
      search = "";
    }
    String needle = search.toLowerCase(Locale.ROOT);
    List<CaseView.Summary> shown = access.list(customer).stream().map(view::summary)
        .filter(summary -> matches(filter, CaseStatus.valueOf(summary.status().code())))
        .filter(summary -> needle.isEmpty() || summary.reference().toLowerCase(Locale.ROOT).contains(needle)
            || summary.summary().toLowerCase(Locale.ROOT).contains(needle))
        .sorted(Comparator.comparing(CaseView.Summary::openedAt).reversed())
        .toList();
    model.addAttribute("customer", customer);
    model.addAttribute("cases", shown);
    model.addAttribute("filter", filter.name());
    model.addAttribute("filters", Filter.values());
    model.addAttribute("q", search);
    return "portal/cases";
  }

  @GetMapping("/portal/cases/new")
  public String newCase(@AuthenticationPrincipal Customer customer, Model model) {
    model.addAttribute("customer", customer);
    model.addAttribute("form", new CaseForm());
    model.addAttribute("ratings", Rating.values());
    return "portal/new-case";
  }

  @PostMapping("/portal/cases")
  public String open(@AuthenticationPrincipal Customer customer, CaseForm form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    OpenCaseRequest request = form.toRequest();
    Map<String, String> errors = new LinkedHashMap<>();
    if (form.getImpactOrNull() == null && notBlank(form.getImpact()) || form.getUrgencyOrNull() == null && notBlank(form.getUrgency())) {
      errors.put("impact", "Choose one of the offered values.");
    }
    for (ConstraintViolation<OpenCaseRequest> violation : validator.validate(request)) {
      errors.putIfAbsent(violation.getPropertyPath().toString(), message(violation));
    }
    if (request.summary() != null && (request.summary().contains("\n") || request.summary().contains("\r"))) {
      errors.putIfAbsent("summary", "Write the summary on one line.");
    }
    if (!errors.isEmpty()) {
      response.setStatus(400);
      model.addAttribute("customer", customer);
      model.addAttribute("form", form);
      model.addAttribute("errors", errors);
      model.addAttribute("ratings", Rating.values());
      return "portal/new-case";
    }
    CustomerCase opened = intake.open(customer, request, null).customerCase();
    redirect.addFlashAttribute("notice", "We received your case " + opened.reference() + ".");
    return "redirect:/portal/cases/" + opened.reference();
  }

  @GetMapping("/portal/cases/{reference}")
  public String caseDetails(@AuthenticationPrincipal Customer customer, @PathVariable String reference, Model model) {
    CustomerCase found = access.readable(customer, reference);
    CaseView.Details details = view.details(found);
    model.addAttribute("customer", customer);
    model.addAttribute("case", details);
    model.addAttribute("mine", found.reporterId().equals(customer.id()));
    model.addAttribute("awaitingConfirmation", details.open()
        && conversation.isWaitingFor(found.reference(), dev.supportdesk.escalation.casefile.CaseMessages.RESOLUTION_RESPONSE));
    model.addAttribute("feature", found.type() == CaseType.FEATURE_REQUEST);
    model.addAttribute("attachments", files.list(found));
    model.addAttribute("quote", found.reporterId().equals(customer.id())
        ? conversation.pendingQuote(found.reference()).orElse(null) : null);
    return "portal/case";
  }

  @PostMapping("/portal/cases/{reference}/messages")
  public String message(@AuthenticationPrincipal Customer customer, @PathVariable String reference,
      @RequestParam(defaultValue = "") String text, RedirectAttributes redirect) {
    CustomerCase found = access.writable(customer, reference);
    CaseMessageRequest request = new CaseMessageRequest(text);
    List<String> problems = messages(validator.validate(request));
    if (text.isBlank()) {
      problems = List.of("Write a message first.");
    }
    if (!problems.isEmpty()) {
      redirect.addFlashAttribute("error", String.join(" ", problems));
      redirect.addFlashAttribute("draft", text.length() > OpenCaseRequest.TEXT_MAX ? "" : text);
      return "redirect:/portal/cases/" + found.reference() + "#reply";
    }
    conversation.addMessage(found, customer.id(), text);
    redirect.addFlashAttribute("notice", "Your message was sent to support.");
    return "redirect:/portal/cases/" + found.reference() + "#conversation";
  }

  @PostMapping("/portal/cases/{reference}/confirmation")
  public String confirm(@AuthenticationPrincipal Customer customer, @PathVariable String reference,
      @RequestParam(required = false) Boolean accepted, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String rating, @RequestParam(required = false) String comment,
      RedirectAttributes redirect) {
    CustomerCase found = access.writable(customer, reference);
    Integer stars = null;
    List<String> problems = new ArrayList<>();
    if (rating != null && !rating.isBlank()) {
      try {
        stars = Integer.valueOf(rating.strip());
      } catch (NumberFormatException e) {
        problems.add("Rating: choose 1 to 5 stars.");
      }
    }
    ConfirmationRequest request = new ConfirmationRequest(accepted, reason == null || reason.isBlank() ? null : reason,
        stars, comment == null || comment.isBlank() ? null : comment);
    problems.addAll(messages(validator.validate(request)));
    if (accepted == null) {
      problems.add("Choose whether the resolution solves your problem.");
    } else if (request.objectionWithoutReason()) {
      problems.add("Tell us what is still wrong.");
    }
    if (!problems.isEmpty()) {
      redirect.addFlashAttribute("error", String.join(" ", problems));
      return "redirect:/portal/cases/" + found.reference() + "#resolution";
    }
    satisfaction.answer(found, customer.id(), accepted, request.reason(), request.rating(), request.comment());
    redirect.addFlashAttribute("notice", accepted ? "Thank you: the case will be closed."
        : "We reopened your case and will look at it again.");
    return "redirect:/portal/cases/" + found.reference();
  }

  @PostMapping(path = "/portal/cases/{reference}/attachments", consumes = "multipart/form-data")
  public String attach(@AuthenticationPrincipal Customer customer, @PathVariable String reference,
      @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
    CustomerCase found = access.writable(customer, reference);
    if (file == null || file.isEmpty()) {
      redirect.addFlashAttribute("error", "Choose a file first.");
    } else if (file.getSize() > AttachmentPolicy.MAX_BYTES) {
      redirect.addFlashAttribute("error", "The file is larger than 10 MB.");
    } else {
      try {
        files.attach(found, customer.id(), file.getOriginalFilename(), file.getContentType(), file.getBytes());
        redirect.addFlashAttribute("notice", "Your file was added for support.");
      } catch (ApiProblem refused) {
        redirect.addFlashAttribute("error", refused.getMessage());
      }
    }
    return "redirect:/portal/cases/" + found.reference() + "#files";
  }

  @PostMapping("/portal/cases/{reference}/quote")
  public String answerQuote(@AuthenticationPrincipal Customer customer, @PathVariable String reference,
      @RequestParam(required = false) Boolean approved, @RequestParam(required = false) String comment,
      RedirectAttributes redirect) {
    CustomerCase found = access.writable(customer, reference);
    QuoteAnswerRequest request = new QuoteAnswerRequest(approved, comment == null || comment.isBlank() ? null : comment);
    List<String> problems = new ArrayList<>(messages(validator.validate(request)));
    if (approved == null) {
      problems = List.of("Choose whether you approve the quote.");
    }
    if (!problems.isEmpty()) {
      redirect.addFlashAttribute("error", String.join(" ", problems));
      return "redirect:/portal/cases/" + found.reference() + "#quote";
    }
    conversation.answerQuote(found, customer.id(), approved, request.comment());
    redirect.addFlashAttribute("notice", approved ? "Thank you: we schedule the work." : "We withdrew the request.");
    return "redirect:/portal/cases/" + found.reference();
  }

  // --- helpers -------------------------------------------------------------------------------------

  static Filter parse(String state) {
    try {
      return Filter.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Filter.OPEN;
    }
  }

  static boolean matches(Filter filter, CaseStatus status) {
    return switch (filter) {
      case ALL -> true;
      case CLOSED -> status == CaseStatus.CLOSED;
      case SOLVED -> SOLVED.contains(status);
      case OPEN -> status != CaseStatus.CLOSED && !SOLVED.contains(status);
    };
  }

  private static <T> List<String> messages(Set<ConstraintViolation<T>> violations) {
    return violations.stream().map(PortalController::message).sorted().toList();
  }

  private static String message(ConstraintViolation<?> violation) {
    String field = violation.getPropertyPath().toString();
    String label = switch (field) {
      case "summary" -> "Summary";
      case "description" -> "Description";
      case "text" -> "Message";
      case "reason" -> "Reason";
      case "rating" -> "Rating";
      case "comment" -> "Comment";
      case "stepsToReproduce" -> "Steps to reproduce";
      case "errorMessages" -> "Error messages";
      case "recentChanges" -> "Recent changes";
      default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
    };
    return label + ": " + violation.getMessage() + ".";
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  /** What the "Open a case" form posts; unknown impact or urgency values are refused, never guessed. */
  public static class CaseForm {
    private String summary;
    private String description;
    private String product;
    private String version;
    private String stepsToReproduce;
    private String errorMessages;
    private String recentChanges;
    private String environment;
    private String impact;
    private String urgency;
    private String type;

    OpenCaseRequest toRequest() {
      CaseType caseType = "FEATURE_REQUEST".equals(type) ? CaseType.FEATURE_REQUEST : CaseType.PROBLEM;
      return new OpenCaseRequest(blankToNull(summary) == null ? null : summary.strip(), blankToNull(description),
          blankToNull(product), blankToNull(version), blankToNull(stepsToReproduce), blankToNull(errorMessages),
          blankToNull(recentChanges), blankToNull(environment), getImpactOrNull(), getUrgencyOrNull(), caseType);
    }

    Rating getImpactOrNull() {
      return rating(impact);
    }

    Rating getUrgencyOrNull() {
      return rating(urgency);
    }

    private static Rating rating(String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        return Rating.valueOf(value);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }

    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getProduct() { return product; }
    public void setProduct(String product) { this.product = product; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getStepsToReproduce() { return stepsToReproduce; }
    public void setStepsToReproduce(String stepsToReproduce) { this.stepsToReproduce = stepsToReproduce; }
    public String getErrorMessages() { return errorMessages; }
    public void setErrorMessages(String errorMessages) { this.errorMessages = errorMessages; }
    public String getRecentChanges() { return recentChanges; }
    public void setRecentChanges(String recentChanges) { this.recentChanges = recentChanges; }
    public String getEnvironment() { return environment; }
    public void setEnvironment(String environment) { this.environment = environment; }
    public String getImpact() { return impact; }
    public void setImpact(String impact) { this.impact = impact; }
    public String getUrgency() { return urgency; }
    public void setUrgency(String urgency) { this.urgency = urgency; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
  }
}
