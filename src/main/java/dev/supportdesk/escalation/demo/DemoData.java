package dev.supportdesk.escalation.demo;

import dev.supportdesk.escalation.intake.CaseIntake;
import dev.supportdesk.escalation.intake.CaseType;
import dev.supportdesk.escalation.intake.OpenCaseRequest;
import dev.supportdesk.escalation.intake.Rating;
import dev.supportdesk.escalation.security.Customer;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.Passwords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A living first run on the embedded default: one login per role, each with a generated password
 * printed once, and a few sample cases waiting in the Tier 1 queue. Off in the {@code postgres}
 * profile ({@code support.demo.enabled=false}).
 */
@Component
@ConditionalOnProperty(prefix = "support.demo", name = "enabled", havingValue = "true")
public class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  public static final String DEMO_ORGANISATION = "org-acme";

  record DemoUser(String id, String firstName, String lastName, String group) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("tier1-agent", "Tina", "Tier One", Groups.TIER1),
      new DemoUser("tier2-agent", "Tom", "Tier Two", Groups.TIER2),
      new DemoUser("engineer", "Erin", "Engineer", Groups.ENGINEERING),
      new DemoUser("qa-tester", "Quinn", "Tester", Groups.QA),
      new DemoUser("product-manager", "Petra", "Product", Groups.PRODUCT_MANAGEMENT),
      new DemoUser("tier1-lead", "Lena", "Lead", Groups.TIER1_LEADS),
      new DemoUser("tier2-lead", "Leo", "Lead", Groups.TIER2_LEADS),
      new DemoUser("engineering-lead", "Elif", "Lead", Groups.ENGINEERING_LEADS),
      new DemoUser("netops", "Nora", "Network", Groups.NETWORK_OPERATIONS),
      new DemoUser("dba", "Dan", "Database", Groups.DATABASE_ADMINISTRATORS),
      new DemoUser("process-owner", "Paula", "Owner", Groups.PROCESS_OWNERS),
      new DemoUser("auditor", "Audrey", "Auditor", Groups.AUDITORS),
      new DemoUser("operator", "Olga", "Operator", Groups.OPERATORS),
      new DemoUser("customer", "Carl", "Customer", Groups.CUSTOMERS));

  static final List<Map<String, Object>> SAMPLE_CASES = List.of(
      Map.of(CaseVariables.SUMMARY, "Export to PDF fails with timeout",
          CaseVariables.DESCRIPTION, "Since the upgrade to 4.2 every export of reports over 50 pages stops after 60 seconds.",
          CaseVariables.PRODUCT, "Reporting"),
      Map.of(CaseVariables.SUMMARY, "Users logged out every few minutes",
          CaseVariables.DESCRIPTION, "After enabling single sign-on, sessions end after about five minutes of use.",
          CaseVariables.PRODUCT, "Portal"),
      Map.of(CaseVariables.SUMMARY, "How do I add a custom field to invoices?",
          CaseVariables.DESCRIPTION, "We need the purchase-order number on every invoice we send.",
          CaseVariables.PRODUCT, "Billing"));

  private final ProcessEngine engine;
  private final CaseIntake intake;

  public DemoData(ProcessEngine engine, CaseIntake intake) {
    this.engine = engine;
    this.intake = intake;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void createIfMissing() {
    createUsers();
    createSampleCases();
  }

  void createUsers() {
    IdentityService identity = engine.getIdentityService();
    if (identity.createGroupQuery().groupId(DEMO_ORGANISATION).count() == 0) {
      var organisation = identity.newGroup(DEMO_ORGANISATION);
      organisation.setName("ACME Corporation");
      organisation.setType(Groups.TYPE_ORGANISATION);
      identity.saveGroup(organisation);
    }
    List<String> created = new ArrayList<>();
    for (DemoUser demo : USERS) {
      if (identity.createUserQuery().userId(demo.id()).count() > 0) {
        continue;
      }
      String password = Passwords.generate();
      User user = identity.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@example.com");
      user.setPassword(password);
      identity.saveUser(user);
      identity.createMembership(demo.id(), demo.group());
      if (Groups.CUSTOMERS.equals(demo.group())) {
        identity.createMembership(demo.id(), DEMO_ORGANISATION);
      }
      created.add(String.format("  %-14s %-10s %s", demo.id(), demo.group(), password));
    }
    if (!created.isEmpty()) {
      LOG.warn("\n================================================================\n"
          + " Demo logins (shown only now; reset them in Admin if lost):\n"
          + String.join("\n", created)
          + "\n================================================================");
    }
  }

  /** Opened as the demo customer through the customer API's intake, so the customer sees them too. */
  void createSampleCases() {
    if (engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).count() > 0) {
      return;
    }
    Customer customer = new Customer("customer", "Carl Customer", "customer@example.com", DEMO_ORGANISATION,
        "ACME Corporation");
    for (Map<String, Object> sample : SAMPLE_CASES) {
      intake.open(customer, new OpenCaseRequest((String) sample.get(CaseVariables.SUMMARY),
          (String) sample.get(CaseVariables.DESCRIPTION), (String) sample.get(CaseVariables.PRODUCT), null, null,
          null, null, null, Rating.MEDIUM, Rating.HIGH, CaseType.PROBLEM), null);
    }
    LOG.info("Opened {} sample cases for the demo customer; they wait in the Tier 1 queue", SAMPLE_CASES.size());
  }

}
