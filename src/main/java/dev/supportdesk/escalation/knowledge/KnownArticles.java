package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
import dev.supportdesk.escalation.casefile.TaskInput;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.State;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Visibility;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Audience;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Hit;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The support case's steps that use the knowledge base ({@code ${knownArticles...}} task listeners):
 * <ul>
 *   <li>{@link #suggest} when "Analyse case at Tier 1" is created: the published articles that best match
 *       the case's summary, description, error messages and product, for the agent's form;</li>
 *   <li>{@link #resolveWith} when it completes: the article the agent named must be published; a case
 *       resolved with an article published for customers gets its text proposed as the resolution;</li>
 *   <li>{@link #prefill} and {@link #save} for "Update knowledge base": the case's article is revised (its
 *       text in the form), or a new one is written, as a draft or published.</li>
 * </ul>
 */
@Component("knownArticles")
public class KnownArticles {

  private final KnowledgeBase knowledge;

  public KnownArticles(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  public void suggest(DelegateTask task) {
    String text = Stream.of(CaseVariables.SUMMARY, CaseVariables.DESCRIPTION, CaseVariables.ERROR_MESSAGES)
        .map(task::getVariable).filter(Objects::nonNull).map(Object::toString).collect(Collectors.joining("\n"));
    if (text.length() > 2000) {
      text = text.substring(0, 2000);
    }
    Object product = task.getVariable(CaseVariables.PRODUCT);
    List<Hit> hits = knowledge.search(text, product == null ? null : product.toString(), Audience.AGENT,
        KnowledgeVariables.SUGGESTED);
    task.setVariableLocal(KnowledgeVariables.SUGGESTIONS, hits.isEmpty()
        ? "No published article matches this case yet."
        : hits.stream().map(hit -> line(hit.article())).collect(Collectors.joining("\n")));
  }

  static String line(KnowledgeArticle article) {
    return article.reference() + " · " + article.title()
        + (article.product() == null ? "" : " · " + article.product())
        + (article.visibility() == Visibility.CUSTOMERS ? " · for customers" : " · internal");
  }

  public void resolveWith(DelegateTask task) {
    Object named = task.getVariable(KnowledgeVariables.KNOWN_ARTICLE);
    if (named == null || named.toString().isBlank()) {
      return;
    }
    KnowledgeArticle article;
    try {
      article = knowledge.published(named.toString());
    } catch (KnowledgeBase.Refused refused) {
      throw new InvalidTaskInputException(task.getName(), List.of("Article that resolves it: " + refused.getMessage()));
    }
    task.setVariable(KnowledgeVariables.KNOWLEDGE_ARTICLE, article.reference());
    boolean resolved = Tier1Variables.Outcome.RESOLVED.name().equals(task.getVariable(Tier1Variables.TIER1_OUTCOME));
    if (resolved && article.forCustomers() && task.getVariable(Tier1Variables.RESOLUTION_TEXT) == null) {
      task.setVariable(Tier1Variables.RESOLUTION_TEXT, proposal(article));
    }
  }

  /** The resolution the agent may send as it is or edit: the article's own words and its reference. */
  static String proposal(KnowledgeArticle article) {
    return "Our knowledge base article " + article.reference() + " \"" + article.title() + "\" describes this:\n\n"
        + article.body() + "\n\nYou can read it again at any time: knowledge base article " + article.reference()
        + " in the Support Center.";
  }

  public void prefill(DelegateTask task) {
    Object reference = task.getVariable(KnowledgeVariables.KNOWLEDGE_ARTICLE);
    if (reference == null) {
      return;
    }
    KnowledgeArticle article;
    try {
      article = knowledge.existing(reference.toString());
    } catch (KnowledgeBase.Refused gone) {
      return; // nothing to revise: the agent writes a new article
    }
    task.setVariableLocal(KnowledgeVariables.REVISES, "You revise " + article.reference() + " (version "
        + article.version() + ", " + article.state().name().toLowerCase(Locale.ROOT) + ", "
        + article.visibility().name().toLowerCase(Locale.ROOT) + "). Change what this case taught.");
    // on the case, not the task: what the agent submits replaces them there (a task-local copy would hide it)
    task.setVariable(Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, article.title());
    task.setVariable(Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, article.body());
    task.setVariable(KnowledgeVariables.VISIBILITY, article.visibility().name());
    task.setVariable(KnowledgeVariables.TAGS, String.join(", ", article.tags()));
  }

  public void save(DelegateTask task) {
    Object product = task.getVariable(CaseVariables.PRODUCT);
    Draft draft = new Draft(text(task, Tier1Variables.KNOWLEDGE_ARTICLE_TITLE), text(task,
        Tier1Variables.KNOWLEDGE_ARTICLE_TEXT), product == null ? null : product.toString(),
        KnowledgeArticle.tags(text(task, KnowledgeVariables.TAGS)),
        choice(task, KnowledgeVariables.VISIBILITY, Visibility.class, Visibility.INTERNAL),
        choice(task, KnowledgeVariables.STATE, State.class, State.PUBLISHED));
    String author = TaskInput.actor(task);
    String caseReference = task.getExecution().getProcessBusinessKey();
    Object revised = task.getVariable(KnowledgeVariables.KNOWLEDGE_ARTICLE);
    KnowledgeArticle saved;
    try {
      if (revised != null && KnowledgeArticle.idOf(revised.toString()).isPresent()) {
        KnowledgeArticle current = knowledge.existing(revised.toString());
        saved = knowledge.revise(current.reference(), current.version(), draft, author, caseReference);
      } else {
        saved = knowledge.write(draft, author, caseReference);
      }
    } catch (KnowledgeBase.Refused refused) {
      throw new InvalidTaskInputException(task.getName(), List.of(refused.getMessage()));
    }
    task.getExecution().setVariable(KnowledgeVariables.KNOWLEDGE_ARTICLE, saved.reference());
  }

  private static String text(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null ? null : value.toString();
  }

  private static <E extends Enum<E>> E choice(DelegateTask task, String name, Class<E> type, E otherwise) {
    String value = text(task, name);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidTaskInputException(task.getName(), List.of("'" + value + "' is not one of "
          + java.util.Arrays.toString(type.getEnumConstants())));
    }
  }

}
