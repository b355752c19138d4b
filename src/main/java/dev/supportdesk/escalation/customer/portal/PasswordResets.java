package dev.supportdesk.escalation.customer.portal;

import dev.supportdesk.escalation.notification.StaffMail;
import dev.supportdesk.escalation.security.Customer;
import dev.supportdesk.escalation.security.CustomerDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by e-mail link for Support Center customers. A request starts "Send password reset link"
 * (an asynchronous job with retries: an SMTP failure is an incident, never an error page), which creates the
 * token and mails the link; only the token's SHA-256 is stored, it expires after {@link #VALIDITY} and works
 * once. Whether an address is known is never told: every request gets the same answer.
 */
@Component("passwordResetMail")
public class PasswordResets implements JavaDelegate {

  public static final String PROCESS_ID = "PasswordResetProcess";
  public static final String CUSTOMER_ID = "customerId";
  static final Duration VALIDITY = Duration.ofMinutes(30);
  static final int PER_HOUR = 3;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Why a new password was refused, in the customer's words. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final JdbcTemplate jdbc;
  private final CustomerDirectory customers;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final StaffMail mail;
  private final Clock clock = Clock.systemUTC();

  public PasswordResets(JdbcTemplate jdbc, CustomerDirectory customers, IdentityService identity,
      RuntimeService runtime, StaffMail mail) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.identity = identity;
    this.runtime = runtime;
    this.mail = mail;
  }

  /** A reset asked for this address: a link goes out if it is one customer's, at most {@value #PER_HOUR} an hour. */
  @Transactional
  public void request(String email) {
    Optional<Customer> customer = customers.byEmail(email);
    if (customer.isEmpty()) {
      return;
    }
    Integer recent = jdbc.queryForObject("SELECT COUNT(*) FROM password_reset WHERE customer_id = ? AND created_at > ?",
        Integer.class, customer.get().id(), Timestamp.from(clock.instant().minus(Duration.ofHours(1))));
    long running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .variableValueEquals(CUSTOMER_ID, customer.get().id()).count();
    if ((recent == null ? 0 : recent) + running >= PER_HOUR) {
      return;
    }
    runtime.startProcessInstanceByKey(PROCESS_ID, UUID.randomUUID().toString(), Map.of(CUSTOMER_ID, customer.get().id()));
  }

  /** "Send password reset link": a fresh token each attempt (a retried job's earlier token was never mailed). */
  @Override
  public void execute(DelegateExecution execution) {
    String customerId = (String) execution.getVariable(CUSTOMER_ID);
    Customer customer = customers.byId(customerId).orElse(null);
    if (customer == null || customer.email() == null || customer.email().isBlank()) {
      return;
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    jdbc.update("INSERT INTO password_reset (token_hash, customer_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        hash(token), customerId, Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)));
    String link = mail.link("/portal/password-reset/" + token);
    String body = "Hello " + customer.name() + ",\n\n"
        + "someone asked to reset the password of your Support Center login \"" + customer.id() + "\".\n"
        + "Choose a new password within " + VALIDITY.toMinutes() + " minutes at\n\n" + link + "\n\n"
        + "The link works once. If you did not ask for it, ignore this mail: your password stays as it is.\n";
    int sent = mail.send(new StaffMail.Notice("password-reset-" + hash(token).substring(0, 16), "password-reset",
        "Reset your Support Center password", body), List.of(customer.email()));
    if (sent == 0) {
      throw new IllegalStateException("The password reset link for " + customerId + " could not be mailed: no SMTP"
          + " server is configured (spring.mail.host)");
    }
  }

  /** The customer a still valid, unused link belongs to. */
  public Optional<String> customerOf(String token) {
    if (token == null || token.length() < 20 || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.queryForList("SELECT customer_id FROM password_reset WHERE token_hash = ? AND used_at IS NULL"
        + " AND expires_at > ?", String.class, hash(token), Timestamp.from(clock.instant())).stream().findFirst();
  }

  /** Sets the new password and spends every open link of the customer. */
  @Transactional
  public void reset(String token, String password, String repeated) {
    String customerId = customerOf(token).orElseThrow(() -> new Refused("This link is invalid or has expired."));
    if (password == null || !password.equals(repeated)) {
      throw new Refused("The two passwords differ.");
    }
    User user = identity.createUserQuery().userId(customerId).singleResult();
    PasswordPolicyResult policy = identity.checkPasswordAgainstPolicy(password, user);
    if (!policy.isValid()) {
      throw new Refused("The password is too weak: use at least 10 characters with upper and lower case letters,"
          + " a digit and a special character, and not your user name.");
    }
    user.setPassword(password);
    identity.saveUser(user);
    jdbc.update("UPDATE password_reset SET used_at = ? WHERE customer_id = ? AND used_at IS NULL",
        Timestamp.from(clock.instant()), customerId);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
