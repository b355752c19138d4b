package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.casefile.CaseReferences;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.security.Customer;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Who sees which case: the reporter always; every member of the case's organisation once the
 * organisation has shared access. A case the customer may not see is "not found", exactly like a
 * case that does not exist, so references of other customers never leak.
 */
@Service
public class CaseAccess {

  private final CustomerCases cases;
  private final SharedAccessService sharedAccess;

  public CaseAccess(CustomerCases cases, SharedAccessService sharedAccess) {
    this.cases = cases;
    this.sharedAccess = sharedAccess;
  }

  public CustomerCase readable(Customer customer, String reference) {
    if (!CaseReferences.isValid(reference)) {
      throw ApiProblem.caseNotFound(null);
    }
    CustomerCase found = cases.find(reference).orElseThrow(() -> ApiProblem.caseNotFound(reference));
    if (found.reporterId().equals(customer.id())) {
      return found;
    }
    if (found.organisationId().equals(customer.organisationId()) && sharedAccess.isGranted(customer.organisationId())) {
      return found;
    }
    throw ApiProblem.caseNotFound(reference);
  }

  /** Adding to a case (messages, files, confirmation) is the reporter's; colleagues with shared access only read. */
  public CustomerCase writable(Customer customer, String reference) {
    CustomerCase found = readable(customer, reference);
    if (!found.reporterId().equals(customer.id())) {
      throw ApiProblem.forbidden("Only the customer who reported case " + reference + " can add to it.");
    }
    return found;
  }

  public List<CustomerCase> list(Customer customer) {
    boolean shared = sharedAccess.isGranted(customer.organisationId());
    return cases.visibleTo(customer.id(), shared ? customer.organisationId() : null);
  }
}
