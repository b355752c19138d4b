package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.intake.SharedAccessStore.Request;
import dev.supportdesk.escalation.intake.SharedAccessStore.Status;
import dev.supportdesk.escalation.security.Customer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shared organisation access: requested by a member through the API, decided by a Tier 2 lead in
 * {@value SharedAccessRequestProcess#PROCESS_ID}, and once granted every member of the organisation
 * reads all of its cases.
 */
@Service
public class SharedAccessService {

  private final SharedAccessStore store;
  private final RuntimeService runtime;
  private final Clock clock;

  @Autowired
  public SharedAccessService(SharedAccessStore store, RuntimeService runtime) {
    this(store, runtime, Clock.systemUTC());
  }

  SharedAccessService(SharedAccessStore store, RuntimeService runtime, Clock clock) {
    this.store = store;
    this.runtime = runtime;
    this.clock = clock;
  }

  public boolean isGranted(String organisationId) {
    return store.isGranted(organisationId);
  }

  /** Starts the review; one open request per organisation, none once access is granted. */
  @Transactional
  public Request request(Customer customer, String reason) {
    if (store.isGranted(customer.organisationId())) {
      throw ApiProblem.conflict("Your organisation already has shared access.");
    }
    if (store.pending(customer.organisationId()).isPresent()) {
      throw ApiProblem.conflict("A request for shared access of your organisation is already waiting for a decision.");
    }
    Request request = new Request(UUID.randomUUID().toString(), customer.organisationId(), customer.id(), reason,
        Status.PENDING, null, clock.instant(), null);
    store.insertRequest(request);
    Map<String, Object> variables = new HashMap<>();
    variables.put(SharedAccessRequestProcess.REQUEST_ID, request.id());
    variables.put(SharedAccessRequestProcess.ORGANISATION_ID, customer.organisationId());
    variables.put(SharedAccessRequestProcess.ORGANISATION_NAME, customer.organisationName());
    variables.put(SharedAccessRequestProcess.REQUESTED_BY, customer.id());
    variables.put(SharedAccessRequestProcess.REQUESTED_BY_NAME, customer.name());
    variables.put(SharedAccessRequestProcess.REASON, reason);
    runtime.startProcessInstanceByKey(SharedAccessRequestProcess.PROCESS_ID, request.id(), variables);
    return request;
  }

  /** The organisation's current state: granted, or its latest request. */
  public Map<String, Object> status(String organisationId) {
    Map<String, Object> status = new java.util.LinkedHashMap<>();
    status.put("granted", store.isGranted(organisationId));
    store.latest(organisationId).ifPresent(r -> {
      status.put("requestStatus", r.status().name());
      status.put("requestedAt", r.requestedAt());
      if (r.decidedAt() != null) {
        status.put("decidedAt", r.decidedAt());
      }
    });
    return status;
  }

  /** Called by the process when the lead approved. */
  public void grant(String requestId, String organisationId, String decidedBy, String note) {
    store.decide(requestId, Status.APPROVED, decidedBy, note, clock.instant());
    store.grant(organisationId, requestId, decidedBy, clock.instant());
  }

  /** Called by the process when the lead refused. */
  public void refuse(String requestId, String decidedBy, String note) {
    store.decide(requestId, Status.REFUSED, decidedBy, note, clock.instant());
  }
}
