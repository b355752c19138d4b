package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.casefile.PlainTextRule;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Audience;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Hit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The knowledge base's one entry: agents write and revise articles (checked here, whichever door they came
 * through), customers and agents read and search them. A customer never gets an article that is not
 * published for customers: not by search, not by its reference (which then is "not found", so that drafts
 * and internal articles are not even confirmed to exist).
 */
@Service
public class KnowledgeBase {

  public static final int TITLE_MIN = 5;
  public static final int TITLE_MAX = 200;
  public static final int BODY_MIN = 20;
  public static final int BODY_MAX = 50_000;
  public static final int PRODUCT_MAX = 100;
  public static final int TAG_MAX = 40;
  public static final int RESULTS_MAX = 50;

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);

  /** Why a request was refused, with the HTTP status a door answers it with. */
  public static final class Refused extends RuntimeException {
    private final int status;

    public Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final KnowledgeArticles articles;
  private final KnowledgeSearch search;
  private final Clock clock;

  public KnowledgeBase(KnowledgeArticles articles, KnowledgeSearch search, Optional<Clock> clock) {
    this.articles = articles;
    this.search = search;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** Saves a new article, version 1, written by {@code author} (at the closure of {@code caseReference}). */
  public KnowledgeArticle write(Draft draft, String author, String caseReference) {
    Draft checked = check(draft);
    long id = articles.create(checked, author, caseReference, clock.instant());
    LOG.info("{} wrote knowledge article KB-{} ({}, {}){}", author, id, checked.state(), checked.visibility(),
        caseReference == null ? "" : " at case " + caseReference);
    return articles.find(id).orElseThrow();
  }

  /** Saves the next version of an article the author read at {@code expectedVersion}. */
  public KnowledgeArticle revise(String reference, int expectedVersion, Draft draft, String author,
      String caseReference) {
    KnowledgeArticle current = existing(reference);
    Draft checked = check(draft);
    if (current.version() != expectedVersion
        || !articles.revise(current.id(), expectedVersion, checked, author, caseReference, clock.instant())) {
      throw new Refused(409, current.reference() + " was changed by someone else (now version "
          + articles.find(current.id()).map(KnowledgeArticle::version).orElse(current.version())
          + "): read it again and make your change on that version.");
    }
    LOG.info("{} revised knowledge article {} to version {}", author, current.reference(), expectedVersion + 1);
    return articles.find(current.id()).orElseThrow();
  }

  /** An article any agent may read (every state), or 404. */
  public KnowledgeArticle existing(String reference) {
    return KnowledgeArticle.idOf(reference).flatMap(articles::find)
        .orElseThrow(() -> new Refused(404, "There is no knowledge article '" + shorten(reference) + "'."));
  }

  /** A published article an agent may point a case to, or the reason it cannot be. */
  public KnowledgeArticle published(String reference) {
    KnowledgeArticle article = existing(reference);
    if (article.state() != KnowledgeArticle.State.PUBLISHED) {
      throw new Refused(400, article.reference() + " is " + article.state().name().toLowerCase()
          + ", not published: publish it first or choose another article.");
    }
    return article;
  }

  /** A customer's view of an article: only published for customers. */
  public Optional<KnowledgeArticle> forCustomer(String reference) {
    return KnowledgeArticle.idOf(reference).flatMap(articles::find).filter(KnowledgeArticle::forCustomers);
  }

  public List<KnowledgeArticle.Version> history(String reference) {
    return articles.versions(existing(reference).id());
  }

  public List<Hit> search(String text, String product, Audience audience, int limit) {
    if (text != null && text.length() > 2000) {
      throw new Refused(400, "A search is at most 2000 characters.");
    }
    return search.search(text, product, audience, Math.max(1, Math.min(limit, RESULTS_MAX)));
  }

  Draft check(Draft draft) {
    List<String> problems = new ArrayList<>();
    String title = draft.title() == null ? "" : draft.title().strip();
    String body = draft.body() == null ? "" : draft.body().strip();
    if (title.length() < TITLE_MIN || title.length() > TITLE_MAX) {
      problems.add("The title needs " + TITLE_MIN + " to " + TITLE_MAX + " characters.");
    }
    if (body.length() < BODY_MIN || body.length() > BODY_MAX) {
      problems.add("The text needs " + BODY_MIN + " to " + BODY_MAX + " characters.");
    }
    String product = draft.product() == null || draft.product().isBlank() ? null : draft.product().strip();
    if (product != null && product.length() > PRODUCT_MAX) {
      problems.add("The product is at most " + PRODUCT_MAX + " characters.");
    }
    List<String> tags = draft.tags() == null ? List.of() : draft.tags();
    if (tags.stream().anyMatch(tag -> tag.length() > TAG_MAX || !tag.matches("[\\p{L}\\p{N}._ -]+"))) {
      problems.add("Tags are words of at most " + TAG_MAX + " letters, digits, dots, dashes or spaces.");
    }
    for (String text : new String[] {title, body, product == null ? "" : product}) {
      if (!PlainTextRule.isPlainText(text)) {
        problems.add("Articles are plain text: no HTML, scripts or links in markup.");
        break;
      }
    }
    if (draft.visibility() == null || draft.state() == null) {
      problems.add("Say who may read it (INTERNAL or CUSTOMERS) and its state (DRAFT, PUBLISHED or RETIRED).");
    }
    if (!problems.isEmpty()) {
      throw new Refused(400, String.join(" ", problems));
    }
    return new Draft(title, body, product, tags, draft.visibility(), draft.state());
  }

  /** A value as a refusal may quote it: at most 40 characters. */
  static String shorten(String value) {
    if (value == null) {
      return "";
    }
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
