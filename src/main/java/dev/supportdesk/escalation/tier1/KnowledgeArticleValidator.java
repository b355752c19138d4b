package dev.supportdesk.escalation.tier1;

import dev.supportdesk.escalation.casefile.TaskInput;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle;
import dev.supportdesk.escalation.knowledge.KnowledgeVariables;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Server-side check of "Update knowledge base": an article worth finding again. */
@Component("validateKnowledgeArticle")
public class KnowledgeArticleValidator implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    check(task.getName(), task::getVariable).throwIfInvalid();
  }

  static TaskInput check(String taskName, Function<String, Object> variables) {
    TaskInput input = TaskInput.of(taskName, variables)
        .requireText(Tier1Variables.KNOWLEDGE_ARTICLE_TITLE, "Article title", 5, 200)
        .requireText(Tier1Variables.KNOWLEDGE_ARTICLE_TEXT, "Article text", 20, 50_000)
        .optionalText(KnowledgeVariables.TAGS, "Tags", 400);
    if (variables.apply(KnowledgeVariables.VISIBILITY) != null) {
      input.requireOneOf(KnowledgeVariables.VISIBILITY, "Who may read it", KnowledgeArticle.Visibility.class);
    }
    Object state = variables.apply(KnowledgeVariables.STATE);
    return input.check(state == null || state.equals(KnowledgeArticle.State.DRAFT.name())
        || state.equals(KnowledgeArticle.State.PUBLISHED.name()),
        "State must be DRAFT or PUBLISHED (" + KnowledgeVariables.STATE + ")");
  }
}
