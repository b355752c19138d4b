package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void generatedPasswordsHaveEveryCharacterClassThePolicyAsksFor() {
    for (int i = 0; i < 200; i++) {
      String password = Passwords.generate();
      assertThat(password).hasSize(Passwords.LENGTH)
          .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]").containsPattern("[^A-Za-z0-9]");
    }
  }

  @Test
  void generatedPasswordsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      seen.add(Passwords.generate());
    }
    assertThat(seen).hasSize(1000);
  }
}
