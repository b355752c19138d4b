package dev.supportdesk.escalation.casefile;

/**
 * Names of the case data every diagram shares (the intake API writes them, the called processes
 * receive them): the one place they are spelled. Each process adds its own variables in its own
 * package's variables class.
 */
public final class CaseVariables {

  public static final String PROCESS_ID = "SupportCaseProcess";

  // what the customer reported (intake API or Tasklist start form)
  public static final String SUMMARY = "summary";
  public static final String DESCRIPTION = "description";
  public static final String PRODUCT = "product";
  public static final String PRODUCT_VERSION = "productVersion";
  public static final String STEPS_TO_REPRODUCE = "stepsToReproduce";
  public static final String ERROR_MESSAGES = "errorMessages";
  public static final String RECENT_CHANGES = "recentChanges";
  public static final String ENVIRONMENT = "environment";
  public static final String IMPACT = "impact";
  public static final String URGENCY = "urgency";
  /** PROBLEM or FEATURE_REQUEST. */
  public static final String CASE_TYPE = "caseType";

  // who reported it (from the customer's login, never from a request body)
  public static final String CUSTOMER_ID = "customerId";
  /** Tasklist's start form: the customer's login or e-mail address, for a case an agent opens. */
  public static final String CUSTOMER_CONTACT = "customerContact";
  /** Tasklist's start form: the organisation a new customer (an e-mail address no customer has) joins. */
  public static final String NEW_CUSTOMER_ORGANISATION = "newCustomerOrganisation";
  /** The agent who opened the case in Tasklist; absent for cases the customer opened. */
  public static final String OPENED_BY = "openedBy";
  public static final String CUSTOMER_NAME = "customerName";
  public static final String CUSTOMER_EMAIL = "customerEmail";
  public static final String ORGANISATION_ID = "organisationId";
  public static final String ORGANISATION_NAME = "organisationName";

  // decided during the case
  public static final String PRIORITY = "priority";
  public static final String SEVERITY = "severity";
  /**
   * The user id of the support specialist responsible for the case: the first Tier 1 agent who
   * works it (see {@code queue/CaseOwnership}), reassignable by a lead.
   */
  public static final String CASE_OWNER = "caseOwner";

  private CaseVariables() {}
}
