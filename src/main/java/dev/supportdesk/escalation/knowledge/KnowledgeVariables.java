package dev.supportdesk.escalation.knowledge;

/** Variables of the support case that tie it to the knowledge base. */
public final class KnowledgeVariables {

  /** Analyse case at Tier 1 (task-local): the published articles that match the case, one per line. */
  public static final String SUGGESTIONS = "knownArticleSuggestions";
  /** Analyse case at Tier 1 (the agent's input): the article that resolves the case, "KB-12". */
  public static final String KNOWN_ARTICLE = "knownArticle";
  /** The case's article: the one that resolved it, then the one written or revised at its closure. */
  public static final String KNOWLEDGE_ARTICLE = "knowledgeArticle";
  /** Update knowledge base: INTERNAL or CUSTOMERS (default INTERNAL). */
  public static final String VISIBILITY = "knowledgeArticleVisibility";
  /** Update knowledge base: DRAFT or PUBLISHED (default PUBLISHED). */
  public static final String STATE = "knowledgeArticleState";
  /** Update knowledge base: comma-separated tags. */
  public static final String TAGS = "knowledgeArticleTags";
  /** Update knowledge base (task-local): which article and version the form revises, for the agent. */
  public static final String REVISES = "knowledgeArticleRevises";
  /** How many suggestions the Tier 1 form shows. */
  public static final int SUGGESTED = 5;

  private KnowledgeVariables() {}
}
