package dev.supportdesk.escalation.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users with known passwords for integration tests. */
public final class TestUsers {

  /** Satisfies the engine's password policy (length, upper, lower, digit, special character). */
  public static final String PASSWORD = "Correct-Horse-9!";

  private TestUsers() {}

  public static void ensure(IdentityService identity, String userId, String... groupIds) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName(userId);
      user.setLastName("Fixture");
      user.setEmail(userId + "@example.com");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
    }
    for (String groupId : groupIds) {
      if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
        identity.createMembership(userId, groupId);
      }
    }
  }
}
