package dev.supportdesk.escalation.tier1;

/**
 * Variables and element ids of the Tier 1 tasks of the support case (Analyse case at Tier 1,
 * Communicate resolution, Update knowledge base). Evidence the customer may already have given
 * (steps to reproduce, error messages, recent changes, environment) keeps its name from
 * {@link dev.supportdesk.escalation.casefile.CaseVariables}.
 */
public final class Tier1Variables {

  public static final String TASK_ANALYSE_AT_TIER1 = "Task_AnalyseAtTier1";
  public static final String TASK_COMMUNICATE_RESOLUTION = "Task_CommunicateResolution";
  public static final String TASK_UPDATE_KNOWLEDGE_BASE = "Task_UpdateKnowledgeBase";

  // Analyse case at Tier 1: evidence
  public static final String SYMPTOMS = "symptoms";
  public static final String LOG_REFERENCES = "logReferences";
  // basic troubleshooting done
  public static final String CONFIGURATION_VERIFIED = "configurationVerified";
  public static final String LOGS_ANALYSED = "logsAnalysed";
  public static final String KNOWN_ISSUES_CHECKED = "knownIssuesChecked";
  /** YES or NO. */
  public static final String REPRODUCED = "reproduced";
  public static final String TIER1_FINDINGS = "tier1Findings";
  /** {@link Outcome}. */
  public static final String TIER1_OUTCOME = "tier1Outcome";
  /** {@link ResolutionCategory}, when resolved at Tier 1. */
  public static final String RESOLUTION_CATEGORY = "resolutionCategory";

  // Communicate resolution
  public static final String RESOLUTION_TEXT = "resolutionText";

  // Update knowledge base: the article, stored with the case
  public static final String KNOWLEDGE_ARTICLE_TITLE = "knowledgeArticleTitle";
  public static final String KNOWLEDGE_ARTICLE_TEXT = "knowledgeArticleText";

  /** LINK_TO_TICKET: the case waits on a known engineering ticket another case opened (package problem). */
  public enum Outcome { RESOLVED, FEATURE_REQUEST, ESCALATE_TO_TIER2, LINK_TO_TICKET }

  public enum ResolutionCategory { KNOWN_ISSUE, CONFIGURATION, HOW_TO }

  public enum YesNo { YES, NO }

  private Tier1Variables() {}
}
