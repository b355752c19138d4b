package dev.supportdesk.escalation.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.PlainTextRule;
import dev.supportdesk.escalation.tracker.jira.JiraStatusSync.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@value #PATH}: Jira's issue events. Not a customer endpoint: Spring Security lets it through
 * ({@code IntegrationWebhookSecurityConfiguration}) and this controller authenticates every request by the
 * shared secret ({@code support.tracker.jira.webhook-secret}), compared in constant time:
 * <ul>
 *   <li>Jira Cloud (webhook with a secret): header {@value #SIGNATURE_HEADER} {@code sha256=<hex>}, the
 *       HMAC-SHA256 of the raw body keyed with the secret;</li>
 *   <li>Jira Data Center: the secret itself as query parameter {@value #SECRET_PARAMETER} of the registered
 *       URL, or header {@value #SECRET_HEADER}.</li>
 * </ul>
 * Missing or wrong: 401 problem+json, nothing read. A signed body that is no Jira event (not a JSON
 * object, nested deeper than Jackson's limit, a malformed issue key, a status name that is no plain
 * name) is 400. Events of issues that are no case's ticket are acknowledged (200) and ignored, so Jira
 * does not retry them forever; a signed event delivered again changes nothing (the sync ignores
 * repeated and older statuses).
 */
@RestController
@ConditionalOnProperty(name = "support.tracker.type", havingValue = JiraTracker.TYPE)
public class JiraWebhookController {

  public static final String PATH = "/api/integrations/jira/webhook";
  public static final String SIGNATURE_HEADER = "X-Hub-Signature";
  public static final String SECRET_HEADER = "X-Webhook-Secret";
  public static final String SECRET_PARAMETER = "secret";

  private static final Logger LOG = LoggerFactory.getLogger(JiraWebhookController.class);
  /** Jira's issue keys: project key, hyphen, number ("SUP-123"). */
  static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9}");
  static final int MAX_STATUS_NAME = 255;

  private final JiraStatusSync sync;
  private final JiraProperties properties;
  private final ObjectMapper json;
  private final Clock clock;

  public JiraWebhookController(JiraStatusSync sync, JiraProperties properties, ObjectMapper json) {
    this.sync = sync;
    this.properties = properties;
    this.json = json;
    this.clock = Clock.systemUTC();
  }

  @PostMapping(PATH)
  public ResponseEntity<Object> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestHeader(name = SECRET_HEADER, required = false) String secretHeader,
      @RequestParam(name = SECRET_PARAMETER, required = false) String secretParameter) {
    byte[] payload = body == null ? new byte[0] : body;
    if (!authentic(payload, signature, secretHeader != null ? secretHeader : secretParameter)) {
      return problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
          "Sign the body with the shared secret (" + SIGNATURE_HEADER + ": sha256=...) or send the secret.");
    }
    JsonNode event;
    try {
      event = json.readTree(payload);
    } catch (IOException e) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The body is not a Jira webhook event (JSON).");
    }
    if (event == null || !event.isObject()) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The body is not a Jira webhook event (JSON).");
    }
    String issueKey = event.path("issue").path("key").asText(null);
    String status = statusName(event);
    if (issueKey != null && !ISSUE_KEY.matcher(issueKey).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid request", "issue.key is not a Jira issue key (PROJECT-123).");
    }
    if (status != null && (status.isBlank() || status.length() > MAX_STATUS_NAME
        || !PlainTextRule.isPlainText(status))) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The status name is not a Jira status name.");
    }
    if (issueKey == null || status == null) {
      LOG.info("Jira webhook event '{}' without issue status ignored", event.path("webhookEvent").asText());
      return ResponseEntity.ok(Map.of("outcome", "IGNORED"));
    }
    Instant reportedAt = event.path("timestamp").canConvertToLong()
        ? Instant.ofEpochMilli(event.path("timestamp").asLong()) : clock.instant();
    Outcome outcome = sync.report(issueKey, status, reportedAt);
    return ResponseEntity.ok(Map.of("outcome", outcome.name()));
  }

  /** The issue's status after the event; the changelog's status item when the issue has no fields. */
  private static String statusName(JsonNode event) {
    String name = event.path("issue").path("fields").path("status").path("name").asText(null);
    if (name != null) {
      return name;
    }
    for (JsonNode item : event.path("changelog").path("items")) {
      if ("status".equalsIgnoreCase(item.path("field").asText())) {
        return item.path("toString").asText(null);
      }
    }
    return null;
  }

  boolean authentic(byte[] body, String signature, String secret) {
    String configured = properties.webhookSecret();
    if (configured == null || configured.isBlank()) {
      LOG.warn("Jira webhook refused: support.tracker.jira.webhook-secret is not set");
      return false;
    }
    byte[] key = configured.getBytes(StandardCharsets.UTF_8);
    if (signature != null) {
      String hex = signature.strip().toLowerCase(Locale.ROOT);
      if (!hex.startsWith("sha256=")) {
        return false;
      }
      byte[] expected = HexFormat.of().formatHex(hmacSha256(key, body)).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, hex.substring("sha256=".length()).getBytes(StandardCharsets.US_ASCII));
    }
    return secret != null && MessageDigest.isEqual(key, secret.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmacSha256(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "HMAC-SHA256 realm=\"jira-webhook\"");
    }
    return response.body(problem);
  }
}
