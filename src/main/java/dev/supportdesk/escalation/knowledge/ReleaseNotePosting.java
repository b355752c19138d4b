package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.engineering.EngineeringVariables;
import dev.supportdesk.escalation.feature.FeatureRequestVariables;
import dev.supportdesk.escalation.knowledge.ReleaseNotes.EntryKind;
import dev.supportdesk.escalation.knowledge.ReleaseNotes.ReleaseNote;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Release notes from the process steps that know them ({@code ${releaseNotePosting...}}; never named
 * "releaseNotes", the variable of the release's notes would hide the bean):
 * <ul>
 *   <li>{@link #fixReleased}: "Release fix" adds its ticket's entry to the note of its version and posts the
 *       note when it is the version's first release; posting starts "Release notes posted", which mails each
 *       follower once, in a job of their own;</li>
 *   <li>{@link #featurePlanned}: "Write release notes" of an accepted feature request adds its entry to the note
 *       of the release it is planned for, shown once that note is posted.</li>
 * </ul>
 */
@Component("releaseNotePosting")
public class ReleaseNotePosting {

  public static final String PROCESS_ID = "ReleaseNotesPostedProcess";
  public static final String NOTE_ID = "releaseNoteId";
  public static final String FOLLOWER = "follower";

  private final ReleaseNotes notes;
  private final IdentityService identity;

  public ReleaseNotePosting(ReleaseNotes notes, IdentityService identity) {
    this.notes = notes;
    this.identity = identity;
  }

  /** End listener of "Release fix". */
  public void fixReleased(DelegateExecution execution) {
    String version = text(execution.getVariable(EngineeringVariables.RELEASE_VERSION));
    String entry = text(execution.getVariable(EngineeringContract.RELEASE_NOTES));
    String ticket = text(execution.getVariable(EngineeringContract.TICKET_KEY));
    if (version == null || entry == null || ticket == null) {
      return;
    }
    String product = text(execution.getVariable(CaseVariables.PRODUCT));
    long id = notes.noteFor(product, version);
    notes.addEntry(id, EntryKind.TICKET, ticket, entry);
    if (notes.post(id)) {
      ReleaseNote note = notes.find(id).orElseThrow();
      Map<String, Object> variables = new HashMap<>();
      variables.put(NOTE_ID, id);
      variables.put(EngineeringVariables.RELEASE_VERSION, version);
      variables.put(EngineeringContract.RELEASE_NOTES, note.text());
      variables.put(CaseVariables.PRODUCT, product);
      variables.put(CaseVariables.SUMMARY, "Release " + version + (product == null ? "" : " of " + product));
      execution.getProcessEngineServices().getRuntimeService().createProcessInstanceByKey(PROCESS_ID)
          .businessKey(note.reference()).setVariables(variables).execute();
    }
  }

  /** End listener of "Write release notes" (feature request): planned for {@code featureTargetRelease}. */
  public void featurePlanned(DelegateExecution execution) {
    String version = text(execution.getVariable(FeatureRequestVariables.FEATURE_TARGET_RELEASE));
    String entry = text(execution.getVariable(FeatureRequestVariables.FEATURE_RELEASE_NOTES));
    if (version == null || entry == null) {
      return;
    }
    long id = notes.noteFor(text(execution.getVariable(CaseVariables.PRODUCT)), version);
    notes.addEntry(id, EntryKind.FEATURE_REQUEST, execution.getProcessBusinessKey(), entry);
  }

  /** The collection of "Mail release notes to follower": who follows the note's product, or every product. */
  public List<String> followers(DelegateExecution execution) {
    return notes.followersOf(((Number) execution.getVariable(NOTE_ID)).longValue());
  }

  /**
   * Start listener of each "Mail release notes to follower": the follower is the mail's recipient, at the
   * address they have now (none: the mail stays in the outbox as NO_RECIPIENT).
   */
  public void address(DelegateExecution execution) {
    String customerId = (String) execution.getVariable(FOLLOWER);
    User user = identity.createUserQuery().userId(customerId).singleResult();
    execution.setVariableLocal(CaseVariables.CUSTOMER_ID, customerId);
    execution.setVariableLocal(CaseVariables.CUSTOMER_EMAIL,
        user == null || user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail());
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
