package dev.supportdesk.escalation.casefile;

/** Names of the support case's process variables and elements: the one place they are spelled. */
public final class CaseVariables {

  public static final String PROCESS_ID = "SupportCaseProcess";

  public static final String SUMMARY = "summary";
  public static final String DESCRIPTION = "description";
  public static final String CUSTOMER_ID = "customerId";
  public static final String ORGANISATION_ID = "organisationId";
  public static final String PRODUCT = "product";

  private CaseVariables() {}
}
