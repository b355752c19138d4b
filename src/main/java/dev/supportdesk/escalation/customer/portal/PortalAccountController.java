package dev.supportdesk.escalation.customer.portal;

import dev.supportdesk.escalation.intake.ApiProblem;
import dev.supportdesk.escalation.intake.SharedAccessRequest;
import dev.supportdesk.escalation.intake.SharedAccessService;
import dev.supportdesk.escalation.knowledge.KnowledgeBase;
import dev.supportdesk.escalation.knowledge.ReleaseNotes;
import dev.supportdesk.escalation.knowledge.ReleaseNotesController;
import dev.supportdesk.escalation.security.Customer;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Support Center beside the cases: the organisation's shared access (ask that every member sees every
 * case; a Tier 2 lead decides) and the release notes with following them by e-mail.
 */
@Controller
public class PortalAccountController {

  static final int PRODUCT_MAX = KnowledgeBase.PRODUCT_MAX;

  private final SharedAccessService sharedAccess;
  private final ReleaseNotes releaseNotes;
  private final Validator validator;

  public PortalAccountController(SharedAccessService sharedAccess, ReleaseNotes releaseNotes, Validator validator) {
    this.sharedAccess = sharedAccess;
    this.releaseNotes = releaseNotes;
    this.validator = validator;
  }

  @GetMapping("/portal/organisation")
  public String organisation(@AuthenticationPrincipal Customer customer, Model model) {
    model.addAttribute("customer", customer);
    model.addAttribute("access", sharedAccess.status(customer.organisationId()));
    return "portal/organisation";
  }

  @PostMapping("/portal/organisation/shared-access")
  public String requestSharedAccess(@AuthenticationPrincipal Customer customer,
      @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
    Set<ConstraintViolation<SharedAccessRequest>> violations = validator.validate(new SharedAccessRequest(reason));
    if (!violations.isEmpty() || reason.isBlank()) {
      redirect.addFlashAttribute("error", reason.isBlank() ? "Tell us why every member should see every case."
          : "Reason: " + violations.iterator().next().getMessage() + ".");
      return "redirect:/portal/organisation";
    }
    try {
      sharedAccess.request(customer, reason.strip());
      redirect.addFlashAttribute("notice", "Your request was sent. A support lead will decide on it.");
    } catch (ApiProblem refused) {
      redirect.addFlashAttribute("error", refused.getMessage());
    }
    return "redirect:/portal/organisation";
  }

  @GetMapping("/portal/release-notes")
  public String releaseNotes(@AuthenticationPrincipal Customer customer, Model model) {
    List<String> followed = releaseNotes.followed(customer.id());
    model.addAttribute("customer", customer);
    model.addAttribute("notes", releaseNotes.posted(null, 20).stream().map(ReleaseNotesController::view).toList());
    model.addAttribute("followsAll", followed.contains(""));
    model.addAttribute("followedProducts", followed.stream().filter(product -> !product.isEmpty()).toList());
    return "portal/release-notes";
  }

  @PostMapping("/portal/release-notes/following")
  @Transactional
  public String follow(@AuthenticationPrincipal Customer customer, @RequestParam(defaultValue = "") String product,
      RedirectAttributes redirect) {
    String name = product.strip();
    if (name.length() > PRODUCT_MAX || !ReleaseNotes.isProductName(name)) {
      redirect.addFlashAttribute("error", "Product: at most " + PRODUCT_MAX + " letters, digits, spaces and . _ + - / ( ).");
      return "redirect:/portal/release-notes";
    }
    releaseNotes.follow(customer.id(), name.isEmpty() ? null : name);
    redirect.addFlashAttribute("notice", name.isEmpty() ? "You follow the release notes of every product."
        : "You follow the release notes of " + name + ".");
    return "redirect:/portal/release-notes";
  }

  @PostMapping("/portal/release-notes/unfollow")
  @Transactional
  public String unfollow(@AuthenticationPrincipal Customer customer, RedirectAttributes redirect) {
    releaseNotes.unfollow(customer.id());
    redirect.addFlashAttribute("notice", "You no longer get mails about release notes.");
    return "redirect:/portal/release-notes";
  }
}
