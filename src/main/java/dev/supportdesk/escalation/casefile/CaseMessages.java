package dev.supportdesk.escalation.casefile;

/**
 * BPMN message names a case waits for, correlated by the case reference (business key) from the
 * customer API and integrations. Each diagram's message element uses exactly these names.
 */
public final class CaseMessages {

  /** The customer answered a request for information. Variable: {@link #CUSTOMER_REPLY}. */
  public static final String CUSTOMER_INFORMATION_RECEIVED = "CustomerInformationReceived";
  /** The customer accepted or objected to the proposed resolution. */
  public static final String RESOLUTION_RESPONSE = "ResolutionResponse";
  /** The customer approved or rejected a feature request's scope and estimate. */
  public static final String FEATURE_QUOTE_RESPONSE = "FeatureQuoteResponse";
  /**
   * The customer wrote or attached a file while no step of the case waited for it: starts "Customer
   * wrote while no step waited" in the support case, a task for the tier that holds the case.
   */
  public static final String CUSTOMER_WROTE = "CustomerWrote";
  /** The engineering ticket moved in the tracker (Jira webhook or polling). */
  public static final String TRACKER_STATUS_CHANGED = "TrackerStatusChanged";

  public static final String CUSTOMER_REPLY = "customerReply";
  public static final String RESOLUTION_ACCEPTED = "resolutionAccepted";
  public static final String OBJECTION_REASON = "objectionReason";
  public static final String QUOTE_APPROVED = "quoteApproved";
  /** The customer's words with their answer to a quote (optional). */
  public static final String QUOTE_COMMENT = "quoteComment";
  /** What the quote offers, as the feature request process holds it (featureScope, costEstimate). */
  public static final String QUOTE_SCOPE = "featureScope";
  public static final String QUOTE_COST = "costEstimate";
  public static final String TRACKER_STATUS = "trackerStatus";

  private CaseMessages() {}
}
