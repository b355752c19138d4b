package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.notification.NotificationWatchers;
import dev.supportdesk.escalation.security.Customer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Your organisation: shared access to its cases, and copies of its case mails. */
@RestController
@RequestMapping(path = "/api/organisation", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Organisation", description = "Shared access to your organisation's cases and mail copies")
public class OrganisationController {

  private final SharedAccessService sharedAccess;
  private final NotificationWatchers watchers;
  private final Clock clock = Clock.systemUTC();

  public OrganisationController(SharedAccessService sharedAccess, NotificationWatchers watchers) {
    this.sharedAccess = sharedAccess;
    this.watchers = watchers;
  }

  @Operation(summary = "Ask that every member may read all of the organisation's cases",
      description = "A support lead reviews the request and its reason. 409 if access is granted or a request is open.")
  @PostMapping(path = "/shared-access", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> requestSharedAccess(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @Valid @RequestBody SharedAccessRequest request) {
    sharedAccess.request(customer, request.reason().strip());
    return sharedAccess.status(customer.organisationId());
  }

  @Operation(summary = "Whether your organisation has shared access, and its latest request")
  @GetMapping("/shared-access")
  public Map<String, Object> sharedAccess(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer) {
    return sharedAccess.status(customer.organisationId());
  }

  @Operation(summary = "Whether you receive copies of your organisation's case mails")
  @GetMapping("/watching")
  public Map<String, Object> watching(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer) {
    return watchingState(customer);
  }

  @Operation(summary = "Opt in to or out of copies of your organisation's case mails",
      description = "Copies are sent only while your organisation has shared access.")
  @PutMapping(path = "/watching", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> setWatching(@Parameter(hidden = true) @AuthenticationPrincipal Customer customer,
      @Valid @RequestBody WatchingRequest request) {
    if (request.watching()) {
      watchers.watch(customer.organisationId(), customer.id(), clock.instant());
    } else {
      watchers.unwatch(customer.organisationId(), customer.id());
    }
    return watchingState(customer);
  }

  private Map<String, Object> watchingState(Customer customer) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("watching", watchers.isWatching(customer.organisationId(), customer.id()));
    state.put("copiesSent", sharedAccess.isGranted(customer.organisationId()));
    return state;
  }
}
