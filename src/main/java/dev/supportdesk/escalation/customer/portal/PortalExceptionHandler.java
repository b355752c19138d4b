package dev.supportdesk.escalation.customer.portal;

import dev.supportdesk.escalation.intake.ApiProblem;
import dev.supportdesk.escalation.security.Customer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The Support Center answers refusals with a page, never a stack trace or JSON: a case the customer may not
 * see is "not found" exactly like one that does not exist (by list, by URL, by guessing references).
 */
@ControllerAdvice(assignableTypes = {PortalController.class, PortalAccountController.class})
public class PortalExceptionHandler {

  @ExceptionHandler(ApiProblem.class)
  public String problem(ApiProblem problem, @AuthenticationPrincipal Customer customer, Model model,
      HttpServletResponse response) {
    response.setStatus(problem.status().value());
    model.addAttribute("customer", customer);
    model.addAttribute("title", problem.status().value() == 404 ? "Case not found" : problem.title());
    model.addAttribute("detail", problem.getMessage());
    return "portal/error";
  }
}
