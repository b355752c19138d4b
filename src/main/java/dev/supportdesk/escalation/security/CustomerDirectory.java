package dev.supportdesk.escalation.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * Customers as the engine's identities hold them: a user in {@value Groups#CUSTOMERS} and in exactly one
 * group of type {@value Groups#TYPE_ORGANISATION}. The one place that decides who is a customer, for the
 * customer API's login, inbound mail (by address) and cases agents open on a customer's behalf.
 */
@Service
public class CustomerDirectory {

  private final IdentityService identity;

  public CustomerDirectory(IdentityService identity) {
    this.identity = identity;
  }

  /** The customer with this login, or empty for an unknown user or one who is not exactly one organisation's customer. */
  public Optional<Customer> byId(String userId) {
    User user = userId == null ? null : identity.createUserQuery().userId(userId).singleResult();
    return user == null ? Optional.empty() : customer(identity, user);
  }

  /**
   * The one customer with this e-mail address (compared as written and in lower case). Empty when no
   * customer has it, or when more than one does: a mail from a shared address cannot say who wrote it.
   */
  public Optional<Customer> byEmail(String address) {
    if (address == null || address.isBlank()) {
      return Optional.empty();
    }
    String written = address.strip();
    List<User> users = new java.util.ArrayList<>(
        identity.createUserQuery().userEmail(written).memberOfGroup(Groups.CUSTOMERS).list());
    String lower = written.toLowerCase(Locale.ROOT);
    if (!lower.equals(written)) {
      identity.createUserQuery().userEmail(lower).memberOfGroup(Groups.CUSTOMERS).list().stream()
          .filter(u -> users.stream().noneMatch(known -> known.getId().equals(u.getId()))).forEach(users::add);
    }
    if (users.size() != 1) {
      return Optional.empty();
    }
    return customer(identity, users.get(0));
  }

  /** The user as a customer, when they are in {@value Groups#CUSTOMERS} and in exactly one organisation. */
  static Optional<Customer> customer(IdentityService identity, User user) {
    List<Group> groups = identity.createGroupQuery().groupMember(user.getId()).list();
    boolean customer = groups.stream().anyMatch(g -> Groups.CUSTOMERS.equals(g.getId()));
    List<Group> organisations = groups.stream().filter(g -> Groups.TYPE_ORGANISATION.equals(g.getType())).toList();
    if (!customer || organisations.size() != 1) {
      return Optional.empty();
    }
    Group organisation = organisations.get(0);
    return Optional.of(new Customer(user.getId(), displayName(user), user.getEmail(), organisation.getId(),
        organisation.getName() == null ? organisation.getId() : organisation.getName()));
  }

  static String displayName(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
