package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.intake.ApiProblem;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Audience;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The knowledge base as customers read it: published articles for customers only. */
@RestController
@RequestMapping(path = "/api/knowledge/articles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Knowledge base", description = "Articles published for customers")
public class KnowledgeController {

  static final int EXCERPT = 240;

  public record ArticleSummary(String reference, String title, String product, List<String> tags, String excerpt,
      Instant updatedAt) {}

  public record Article(String reference, String title, String body, String product, List<String> tags,
      int version, Instant updatedAt) {}

  private final KnowledgeBase knowledge;
  private final KnowledgeArticles articles;

  public KnowledgeController(KnowledgeBase knowledge, KnowledgeArticles articles) {
    this.knowledge = knowledge;
    this.articles = articles;
  }

  @Operation(summary = "Search the knowledge base",
      description = "Best matches first for q; without q the articles published last.")
  @GetMapping
  public List<ArticleSummary> search(
      @Parameter(description = "What you are looking for, e.g. an error message") @RequestParam(required = false) String q,
      @Parameter(description = "Prefer articles about this product") @RequestParam(required = false) String product,
      @RequestParam(defaultValue = "10") int limit) {
    if (limit < 1 || limit > KnowledgeBase.RESULTS_MAX) {
      throw ApiProblem.invalid("limit", "between 1 and " + KnowledgeBase.RESULTS_MAX);
    }
    if (product != null && product.length() > KnowledgeBase.PRODUCT_MAX) {
      throw ApiProblem.invalid("product", "at most " + KnowledgeBase.PRODUCT_MAX + " characters");
    }
    List<KnowledgeArticle> found;
    if (q == null || q.isBlank()) {
      found = articles.recentForCustomers(limit);
    } else {
      try {
        found = knowledge.search(q, product, Audience.CUSTOMER, limit).stream().map(KnowledgeSearch.Hit::article)
            .toList();
      } catch (KnowledgeBase.Refused refused) {
        throw ApiProblem.invalid("q", refused.getMessage());
      }
    }
    return found.stream().map(KnowledgeController::summary).toList();
  }

  @Operation(summary = "An article")
  @GetMapping("/{reference}")
  public Article read(@PathVariable String reference) {
    KnowledgeArticle article = knowledge.forCustomer(reference).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
        "Article not found", "No article " + KnowledgeBase.shorten(reference) + " is published for customers.",
        List.of()));
    return new Article(article.reference(), article.title(), article.body(), article.product(), article.tags(),
        article.version(), article.updatedAt());
  }

  static ArticleSummary summary(KnowledgeArticle article) {
    return new ArticleSummary(article.reference(), article.title(), article.product(), article.tags(),
        article.excerpt(EXCERPT), article.updatedAt());
  }
}
