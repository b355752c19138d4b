package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

  final AtomicInteger checks = new AtomicInteger();

  Optional<String> check(String principal) {
    checks.incrementAndGet();
    return Optional.ofNullable(principal);
  }

  @Test
  void aSuccessIsKeptPerDoorLoginAndPassword() {
    CredentialCache cache = new CredentialCache(Duration.ofMinutes(1));
    assertThat(cache.verified("api", "jane", "Secret-1!", () -> check("jane@acme"))).contains("jane@acme");
    assertThat(cache.verified("api", "jane", "Secret-1!", () -> check("other"))).contains("jane@acme");
    assertThat(checks).hasValue(1);
    // another password, login or door is another check
    cache.verified("api", "jane", "Secret-2!", () -> check(null));
    cache.verified("api", "john", "Secret-1!", () -> check("john"));
    cache.verified("engine-rest", "jane", "Secret-1!", () -> check("jane"));
    assertThat(checks).hasValue(4);
  }

  @Test
  void aRefusalIsNeverKept() {
    CredentialCache cache = new CredentialCache(Duration.ofMinutes(1));
    assertThat(cache.verified("api", "jane", "wrong", () -> check(null))).isEmpty();
    assertThat(cache.verified("api", "jane", "wrong", () -> check(null))).isEmpty();
    assertThat(checks).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void anIdentityChangeOrTheTimeToLiveEndsEveryEntry() {
    CredentialCache cache = new CredentialCache(Duration.ofMinutes(1));
    cache.verified("api", "jane", "Secret-1!", () -> check("jane"));
    cache.identitiesChanged();
    cache.verified("api", "jane", "Secret-1!", () -> check("jane"));
    assertThat(checks).hasValue(2);

    CredentialCache expiring = new CredentialCache(Duration.ofNanos(1));
    expiring.verified("api", "jane", "Secret-1!", () -> check("jane"));
    expiring.verified("api", "jane", "Secret-1!", () -> check("jane"));
    assertThat(checks).hasValue(4);

    CredentialCache off = new CredentialCache(Duration.ZERO);
    off.verified("api", "jane", "Secret-1!", () -> check("jane"));
    off.verified("api", "jane", "Secret-1!", () -> check("jane"));
    assertThat(checks).hasValue(6);
    assertThat(off.size()).isZero();
  }

  @Test
  void theCacheStaysBounded() {
    CredentialCache cache = new CredentialCache(Duration.ofMinutes(1));
    for (int i = 0; i <= CredentialCache.MAX_ENTRIES; i++) {
      String user = "user" + i;
      cache.verified("api", user, "Secret-1!", () -> Optional.of(user));
    }
    assertThat(cache.size()).isLessThanOrEqualTo(CredentialCache.MAX_ENTRIES);
  }
}
