package dev.supportdesk.escalation.feature;

/** What crosses the call activity between the support case and {@value #PROCESS_ID}. */
public final class FeatureRequestContract {

  public static final String PROCESS_ID = "FeatureRequestProcess";

  // in: summary, description, product, productVersion, customerId, organisationId (CaseVariables)
  // out
  /** ACCEPTED, DECLINED or WITHDRAWN (customer rejected the quote or never answered). */
  public static final String FEATURE_DECISION = "featureDecision";

  /** Thrown when the request is accepted or declined: the case is solved while Tier 3 work goes on. */
  public static final String ESCALATION_FEATURE_REQUEST_DECIDED = "FeatureRequestDecided";

  public enum Decision { ACCEPTED, DECLINED, WITHDRAWN }

  private FeatureRequestContract() {}
}
