package dev.supportdesk.escalation.customer.portal;

import dev.supportdesk.escalation.knowledge.KnowledgeArticle;
import dev.supportdesk.escalation.knowledge.KnowledgeBase;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Audience;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Hit;
import dev.supportdesk.escalation.security.Customer;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The knowledge base in the Support Center: articles published for customers, suggested while a customer
 * types a new case's summary (a progressive enhancement: the form works without it) and readable on a page.
 */
@Controller
public class PortalKnowledgeController {

  static final int SUGGESTED = 5;
  static final int EXCERPT = 160;

  public record Suggestion(String reference, String title, String excerpt, String url) {}

  private final KnowledgeBase knowledge;

  public PortalKnowledgeController(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  @GetMapping(path = "/portal/knowledge/suggestions", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public List<Suggestion> suggestions(@RequestParam(defaultValue = "") String q,
      @RequestParam(required = false) String product, HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    String text = q.strip();
    if (text.length() < 4 || text.length() > 200 || (product != null && product.length() > KnowledgeBase.PRODUCT_MAX)) {
      return List.of();
    }
    try {
      return knowledge.search(text, product == null || product.isBlank() ? null : product, Audience.CUSTOMER, SUGGESTED)
          .stream().map(Hit::article).map(PortalKnowledgeController::suggestion).toList();
    } catch (KnowledgeBase.Refused refused) {
      return List.of();
    }
  }

  @GetMapping("/portal/knowledge/{reference}")
  public String article(@AuthenticationPrincipal Customer customer, @PathVariable String reference, Model model,
      HttpServletResponse response) {
    model.addAttribute("customer", customer);
    KnowledgeArticle article = knowledge.forCustomer(reference).orElse(null);
    if (article == null) {
      response.setStatus(404);
      model.addAttribute("title", "Article not found");
      model.addAttribute("detail", "No article with this reference is published.");
      return "portal/error";
    }
    model.addAttribute("article", article);
    return "portal/article";
  }

  static Suggestion suggestion(KnowledgeArticle article) {
    return new Suggestion(article.reference(), article.title(), article.excerpt(EXCERPT),
        "/portal/knowledge/" + article.reference());
  }
}
