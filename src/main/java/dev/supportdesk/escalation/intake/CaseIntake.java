package dev.supportdesk.escalation.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseReferences;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.security.Customer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a case: records what the customer submitted, starts {@value CaseVariables#PROCESS_ID} with the
 * reference as business key and the case variables, and remembers the Idempotency-Key, all in one
 * transaction (the engine shares Spring's), so a case exists completely or not at all.
 */
@Service
public class CaseIntake {

  /** The result of opening: the case, and whether it was opened by an earlier request with the same key. */
  public record Opened(CustomerCase customerCase, boolean replayed) {}

  private final CustomerCases cases;
  private final IdempotencyKeys idempotencyKeys;
  private final CaseReferences references;
  private final RuntimeService runtime;
  private final ObjectMapper json;
  private final Clock clock;

  @Autowired
  public CaseIntake(CustomerCases cases, IdempotencyKeys idempotencyKeys, CaseReferences references,
      RuntimeService runtime, ObjectMapper json) {
    this(cases, idempotencyKeys, references, runtime, json, Clock.systemUTC());
  }

  CaseIntake(CustomerCases cases, IdempotencyKeys idempotencyKeys, CaseReferences references,
      RuntimeService runtime, ObjectMapper json, Clock clock) {
    this.cases = cases;
    this.idempotencyKeys = idempotencyKeys;
    this.references = references;
    this.runtime = runtime;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  public Opened open(Customer customer, OpenCaseRequest request, String idempotencyKey) {
    String requestHash = null;
    if (idempotencyKey != null) {
      requestHash = hash(request);
      Optional<IdempotencyKeys.Entry> earlier = idempotencyKeys.find(customer.id(), idempotencyKey);
      if (earlier.isPresent()) {
        if (!earlier.get().requestHash().equals(requestHash)) {
          throw new ApiProblem(org.springframework.http.HttpStatus.CONFLICT, "Idempotency-Key reused",
              "This Idempotency-Key was used for a different request.",
              java.util.List.of(new ApiProblem.InvalidField(IdempotencyKeys.HEADER,
                  "was already used with a different request body")));
        }
        return new Opened(cases.find(earlier.get().caseReference()).orElseThrow(), true);
      }
    }
    String reference = references.next();
    CustomerCase customerCase = new CustomerCase(reference, customer.id(), customer.name(), customer.organisationId(),
        request.typeOrDefault(), request.summary().strip(), request.description(), request.product(),
        request.version(), request.stepsToReproduce(), request.errorMessages(), request.recentChanges(),
        request.environment(), name(request.impact()), name(request.urgency()), clock.instant());
    if (idempotencyKey != null) {
      // first, so a concurrent retry with the same key fails on the primary key before starting anything
      idempotencyKeys.insert(customer.id(), idempotencyKey, requestHash, reference, clock.instant());
    }
    cases.insert(customerCase);
    runtime.startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, variables(customer, customerCase));
    return new Opened(customerCase, false);
  }

  static Map<String, Object> variables(Customer customer, CustomerCase c) {
    // optional fields are set even when empty, so expressions in any diagram can read them
    Map<String, Object> variables = new HashMap<>();
    variables.put(CaseVariables.SUMMARY, c.summary());
    variables.put(CaseVariables.DESCRIPTION, c.description());
    variables.put(CaseVariables.PRODUCT, c.product());
    variables.put(CaseVariables.PRODUCT_VERSION, c.productVersion());
    variables.put(CaseVariables.STEPS_TO_REPRODUCE, c.stepsToReproduce());
    variables.put(CaseVariables.ERROR_MESSAGES, c.errorMessages());
    variables.put(CaseVariables.RECENT_CHANGES, c.recentChanges());
    variables.put(CaseVariables.ENVIRONMENT, c.environment());
    variables.put(CaseVariables.IMPACT, c.impact());
    variables.put(CaseVariables.URGENCY, c.urgency());
    variables.put(CaseVariables.CASE_TYPE, c.type().name());
    variables.put(CaseVariables.CUSTOMER_ID, customer.id());
    variables.put(CaseVariables.CUSTOMER_NAME, customer.name());
    variables.put(CaseVariables.CUSTOMER_EMAIL, customer.email());
    variables.put(CaseVariables.ORGANISATION_ID, customer.organisationId());
    variables.put(CaseVariables.ORGANISATION_NAME, customer.organisationName());
    return variables;
  }

  private String hash(OpenCaseRequest request) {
    try {
      byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint the request", e);
    }
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
