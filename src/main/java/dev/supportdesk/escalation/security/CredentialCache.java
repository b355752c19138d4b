package dev.supportdesk.escalation.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Successful credential checks of the HTTP Basic doors ({@code /engine-rest}, the customer API, the
 * Actuator), kept for a short while so that a client's every request does not repeat the password
 * check and the group and tenant queries behind it. Only successes are kept: a wrong password always
 * reaches the engine, which throttles it.
 *
 * <ul>
 *   <li>The key is an HMAC-SHA256 of door, login and password under a random key of this process: the
 *       password is never kept, and the key is useless outside this JVM.</li>
 *   <li>Every change of users, groups, memberships or tenants on this node, once committed, makes
 *       every entry stale ({@link #identitiesChanged()}, called by {@link TrackedIdentityProvider}):
 *       a changed or reset password, a removed membership or a deleted user take effect on the next
 *       request. On another node they take effect within the time to live
 *       ({@code support.security.credential-cache.ttl}, default 60 s; {@code 0} turns the cache off).</li>
 *   <li>At most {@value #MAX_ENTRIES} entries; when full, expired entries go, then all.</li>
 * </ul>
 */
public final class CredentialCache {

  static final int MAX_ENTRIES = 10_000;

  private record Entry(Object principal, long generation, long expiresAt) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private final SecretKeySpec key;

  public CredentialCache(Duration ttl) {
    this.ttlNanos = ttl == null || ttl.isNegative() ? 0 : ttl.toNanos();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * The principal of these credentials at this door: a kept one, or {@code check}'s, which verifies the
   * password and loads the principal (empty for refused credentials, which are not kept).
   */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> verified(String door, String userId, String password, Supplier<Optional<T>> check) {
    if (ttlNanos == 0 || userId == null || password == null) {
      return check.get();
    }
    String id = key(door, userId, password);
    long now = System.nanoTime();
    long current = generation.get();
    Entry entry = entries.get(id);
    if (entry != null && entry.generation() == current && now - entry.expiresAt() < 0) {
      return Optional.of((T) entry.principal());
    }
    Optional<T> principal = check.get();
    if (principal.isPresent()) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.values().removeIf(e -> e.generation() != generation.get() || now - e.expiresAt() >= 0);
        if (entries.size() >= MAX_ENTRIES) {
          entries.clear();
        }
      }
      // the generation read before the check: a change committed meanwhile leaves this entry stale
      entries.put(id, new Entry(principal.get(), current, now + ttlNanos));
    } else {
      entries.remove(id);
    }
    return principal;
  }

  /** Users, groups, memberships or tenants changed: every kept check is stale. */
  public void identitiesChanged() {
    generation.incrementAndGet();
    entries.clear();
  }

  int size() {
    return entries.size();
  }

  private String key(String door, String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal((door + '\0' + userId + '\0' + password).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
