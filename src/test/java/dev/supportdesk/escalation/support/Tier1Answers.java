package dev.supportdesk.escalation.support;

import dev.supportdesk.escalation.tier1.Tier1Variables;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an agent answers in "Analyse case at Tier 1" with the basic troubleshooting done, for scope-3 tests. */
public final class Tier1Answers {

  private Tier1Answers() {}

  /** Symptoms, checks and findings filled in, and the outcome; add outcome-specific fields to the map. */
  public static Map<String, Object> analysis(String outcome) {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put(Tier1Variables.SYMPTOMS, "CSV export stops after 60 s");
    answers.put(Tier1Variables.CONFIGURATION_VERIFIED, true);
    answers.put(Tier1Variables.LOGS_ANALYSED, true);
    answers.put(Tier1Variables.KNOWN_ISSUES_CHECKED, true);
    answers.put(Tier1Variables.REPRODUCED, "YES");
    answers.put(Tier1Variables.TIER1_FINDINGS, "The export hits the report_pages query timeout.");
    answers.put(Tier1Variables.TIER1_OUTCOME, outcome);
    return answers;
  }
}
