package dev.supportdesk.escalation.customer.portal;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Forgot your password?": ask for a link by e-mail, then choose a new password with it ({@link PasswordResets}). */
@Controller
public class PasswordResetController {

  private final PasswordResets resets;

  public PasswordResetController(PasswordResets resets) {
    this.resets = resets;
  }

  @GetMapping("/portal/password-reset")
  public String form() {
    return "portal/password-reset";
  }

  @PostMapping("/portal/password-reset")
  public String request(@RequestParam(defaultValue = "") String email, Model model, HttpServletResponse response) {
    if (email.isBlank() || email.length() > 254 || !email.contains("@")) {
      response.setStatus(400);
      model.addAttribute("error", "Enter the e-mail address of your Support Center login.");
      return "portal/password-reset";
    }
    resets.request(email.strip());
    model.addAttribute("sent", true);
    return "portal/password-reset";
  }

  @GetMapping("/portal/password-reset/{token}")
  public String choose(@PathVariable String token, Model model, HttpServletResponse response) {
    if (resets.customerOf(token).isEmpty()) {
      return invalid(model, response);
    }
    model.addAttribute("token", token);
    return "portal/password-new";
  }

  @PostMapping("/portal/password-reset/{token}")
  public String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String repeated, Model model, HttpServletResponse response) {
    if (resets.customerOf(token).isEmpty()) {
      return invalid(model, response);
    }
    try {
      resets.reset(token, password, repeated);
    } catch (PasswordResets.Refused refused) {
      response.setStatus(400);
      model.addAttribute("token", token);
      model.addAttribute("error", refused.getMessage());
      return "portal/password-new";
    }
    return "redirect:/portal/login?reset";
  }

  private static String invalid(Model model, HttpServletResponse response) {
    response.setStatus(404);
    model.addAttribute("title", "This link is invalid or has expired");
    model.addAttribute("detail", "Ask for a new link: it is valid for 30 minutes and works once.");
    return "portal/error";
  }
}
