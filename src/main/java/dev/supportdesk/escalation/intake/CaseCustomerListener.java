package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.security.Customer;
import dev.supportdesk.escalation.security.CustomerDirectory;
import dev.supportdesk.escalation.security.Groups;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A case an agent opens in Tasklist (a customer phoned or wrote to someone) names its customer: an
 * existing customer login, or an e-mail address, which finds the customer who has it or becomes a new
 * customer login of the organisation the agent names. The case is then the customer's like one they
 * opened themselves: recorded in {@code customer_case}, in their list, and every mail goes to them.
 * Cases started by the customer API or by mail carry their customer already and pass untouched, as do
 * starts through the engine API that name no customer (tools, benchmarks).
 */
@Component("caseCustomer")
public class CaseCustomerListener implements ExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(CaseCustomerListener.class);
  static final String TASK_NAME = "Open case";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

  private final CustomerDirectory directory;
  private final CustomerCases cases;
  private final Clock clock = Clock.systemUTC();

  public CaseCustomerListener(CustomerDirectory directory, CustomerCases cases) {
    this.directory = directory;
    this.cases = cases;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable(CaseVariables.CUSTOMER_ID) != null) {
      return;
    }
    String contact = text(execution.getVariable(CaseVariables.CUSTOMER_CONTACT));
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    String openedBy = identity.getCurrentAuthentication() == null ? null
        : identity.getCurrentAuthentication().getUserId();
    if (contact == null) {
      // Tasklist's form requires the customer; a start through the engine API without one (tools, the
      // application's own tests and benchmarks) opens a case of no customer, as before this field existed
      return;
    }
    // agents may not read or create users: the engine's identity checks would refuse them
    CommandContext command = Context.getCommandContext();
    command.disableAuthorizationCheck();
    Customer customer;
    try {
      customer = customer(identity, contact, text(execution.getVariable(CaseVariables.NEW_CUSTOMER_ORGANISATION)));
    } finally {
      command.enableAuthorizationCheck();
    }
    CustomerCase c = new CustomerCase(execution.getProcessBusinessKey(), customer.id(), customer.name(),
        customer.organisationId(), CaseType.PROBLEM, text(execution.getVariable(CaseVariables.SUMMARY)),
        text(execution.getVariable(CaseVariables.DESCRIPTION)), text(execution.getVariable(CaseVariables.PRODUCT)),
        null, null, null, null, null, text(execution.getVariable(CaseVariables.IMPACT)),
        text(execution.getVariable(CaseVariables.URGENCY)), clock.instant());
    if (c.summary() == null || c.description() == null) {
      throw invalid("Summary and Description are required");
    }
    cases.insert(c);
    execution.setVariables(CaseIntake.variables(customer, c));
    execution.setVariable(CaseVariables.OPENED_BY, openedBy);
    LOG.info("Case {} opened by agent {} for customer {}", c.reference(), openedBy, customer.id());
  }

  private Customer customer(IdentityService identity, String contact, String organisationId) {
    Optional<Customer> byLogin = directory.byId(contact);
    if (byLogin.isPresent()) {
      return byLogin.get();
    }
    if (!EMAIL.matcher(contact).matches()) {
      throw invalid("Customer: '" + abbreviate(contact) + "' is neither a customer's login nor an e-mail address");
    }
    Optional<Customer> byEmail = directory.byEmail(contact);
    if (byEmail.isPresent()) {
      return byEmail.get();
    }
    if (identity.createUserQuery().userEmail(contact).count() > 0) {
      throw invalid("Customer: " + contact + " belongs to more than one customer, or to someone who is no customer;"
          + " name the customer's login");
    }
    if (organisationId == null) {
      throw invalid("Organisation of a new customer: " + contact + " belongs to no customer yet; name the"
          + " organisation (its id in Admin) they become a customer of");
    }
    Group organisation = identity.createGroupQuery().groupId(organisationId).singleResult();
    if (organisation == null || !Groups.TYPE_ORGANISATION.equals(organisation.getType())) {
      throw invalid("Organisation of a new customer: there is no organisation " + abbreviate(organisationId));
    }
    String userId = freeUserId(identity, contact);
    User user = identity.newUser(userId);
    // in lower case, so a mail from "Jane.Doe@…" and one from "jane.doe@…" find the same customer
    String email = contact.toLowerCase(Locale.ROOT);
    user.setEmail(email);
    identity.saveUser(user);
    identity.createMembership(userId, Groups.CUSTOMERS);
    identity.createMembership(userId, organisationId);
    LOG.info("New customer {} ({}) of {}: no password until they set one", userId, contact, organisationId);
    // the new memberships are not queryable before this command commits
    return new Customer(userId, userId, email, organisationId,
        organisation.getName() == null ? organisationId : organisation.getName());
  }

  /** The address's local part as a login ("jane.doe"), with a number when it is taken ("jane.doe-2"). */
  static String freeUserId(IdentityService identity, String email) {
    String base = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-")
        .replaceAll("^[^a-z0-9]+", "");
    if (base.isEmpty()) {
      base = "customer";
    }
    base = base.length() > 50 ? base.substring(0, 50) : base;
    String candidate = base;
    for (int n = 2; identity.createUserQuery().userId(candidate).count() > 0
        || identity.createGroupQuery().groupId(candidate).count() > 0; n++) {
      candidate = base + "-" + n;
    }
    return candidate;
  }

  private static InvalidTaskInputException invalid(String problem) {
    return new InvalidTaskInputException(TASK_NAME, List.of(problem));
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 79) + "…";
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
