package dev.supportdesk.escalation.security;

import java.util.List;

/** The groups the application relies on: ids are used by diagrams (candidate groups) and filters. */
public final class Groups {

  public static final String CAMUNDA_ADMIN = "camunda-admin";
  public static final String TIER1 = "tier1";
  public static final String TIER2 = "tier2";
  public static final String ENGINEERING = "engineering";
  public static final String QA = "qa";
  public static final String NETWORK_OPERATIONS = "network-operations";
  public static final String DATABASE_ADMINISTRATORS = "database-administrators";
  /** Leads of each tier: SLA warnings and breaches, approvals such as shared organisation access. */
  public static final String TIER1_LEADS = "tier1-leads";
  public static final String TIER2_LEADS = "tier2-leads";
  public static final String ENGINEERING_LEADS = "engineering-leads";
  /** Tier 3 review of feature, custom and integration requests: evaluation, brief, planning. */
  public static final String PRODUCT_MANAGEMENT = "product-management";
  public static final String PROCESS_OWNERS = "process-owners";
  public static final String AUDITORS = "auditors";
  public static final String CUSTOMERS = "customers";
  /** Operations staff: read the application's metrics (/actuator/metrics), nothing in the engine. */
  public static final String OPERATORS = "operators";

  /** Group type of a customer's organisation (Admin shows it in the group list). */
  public static final String TYPE_ORGANISATION = "organisation";
  public static final String TYPE_WORKFLOW = "WORKFLOW";
  /** Group type of groups that run the application rather than work cases (administrators, operators). */
  public static final String TYPE_SYSTEM = "SYSTEM";

  /** Groups whose members work tasks in Tasklist. */
  public static final List<String> AGENT_GROUPS = List.of(TIER1, TIER2, ENGINEERING, QA,
      NETWORK_OPERATIONS, DATABASE_ADMINISTRATORS, TIER1_LEADS, TIER2_LEADS, ENGINEERING_LEADS,
      PRODUCT_MANAGEMENT);

  private Groups() {}

  public record Definition(String id, String name, String type) {}

  public static final List<Definition> ALL = List.of(
      new Definition(TIER1, "Tier 1 support", TYPE_WORKFLOW),
      new Definition(TIER2, "Tier 2 support", TYPE_WORKFLOW),
      new Definition(ENGINEERING, "Engineering / R&D", TYPE_WORKFLOW),
      new Definition(QA, "Quality assurance", TYPE_WORKFLOW),
      new Definition(NETWORK_OPERATIONS, "Network operations", TYPE_WORKFLOW),
      new Definition(DATABASE_ADMINISTRATORS, "Database administrators", TYPE_WORKFLOW),
      new Definition(TIER1_LEADS, "Tier 1 leads", TYPE_WORKFLOW),
      new Definition(TIER2_LEADS, "Tier 2 leads", TYPE_WORKFLOW),
      new Definition(ENGINEERING_LEADS, "Engineering leads", TYPE_WORKFLOW),
      new Definition(PRODUCT_MANAGEMENT, "Product management", TYPE_WORKFLOW),
      new Definition(PROCESS_OWNERS, "Process owners", TYPE_WORKFLOW),
      new Definition(AUDITORS, "Auditors", TYPE_WORKFLOW),
      new Definition(OPERATORS, "Operators", TYPE_SYSTEM),
      new Definition(CUSTOMERS, "Customers", "customers"));
}
