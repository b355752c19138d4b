package dev.supportdesk.escalation.conversation;

import dev.supportdesk.escalation.intake.CaseAttachments;
import dev.supportdesk.escalation.intake.CaseAttachments.AttachmentInfo;
import dev.supportdesk.escalation.intake.CaseAttachments.StoredFile;
import dev.supportdesk.escalation.security.Groups;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The files customers attached, as support staff reach them from a task in Tasklist. Two checks: the
 * agent belongs to a tier that talks with the customer ({@link #FILE_GROUPS}: never engineering or QA,
 * whose hand-off carries no customer files), and the engine lets the agent see the task (the tier's
 * grants), which names the case by its business key. A file id of another case finds nothing.
 */
@Service
public class StaffCaseFiles {

  public static final Set<String> FILE_GROUPS = Set.of(Groups.TIER1, Groups.TIER2, Groups.TIER1_LEADS,
      Groups.TIER2_LEADS, Groups.PRODUCT_MANAGEMENT);

  private static final Logger LOG = LoggerFactory.getLogger(StaffCaseFiles.class);

  /** Why a request for files is refused, in words for the agent. */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public record CaseFileList(String reference, List<AttachmentInfo> attachments) {}

  private final ProcessEngine engine;
  private final CaseAttachments attachments;

  public StaffCaseFiles(ProcessEngine engine, CaseAttachments attachments) {
    this.engine = engine;
    this.attachments = attachments;
  }

  public CaseFileList list(String taskId) {
    Task task = visibleTask(taskId);
    String reference = reference(task);
    return new CaseFileList(reference, attachments.forCase(reference));
  }

  public StoredFile download(String taskId, String attachmentId) {
    Task task = visibleTask(taskId);
    String reference = reference(task);
    StoredFile found = attachments.content(reference, attachmentId).orElseThrow(() -> new Refused(404, "Case " + reference + " has no file '" + attachmentId + "'."));
    LOG.info("{} downloaded file {} ({}) of case {}", currentUser().getUserId(), found.info().id(),
        found.info().fileName(), reference);
    return found;
  }

  private Task visibleTask(String taskId) {
    Authentication user = currentUser();
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.stream().noneMatch(FILE_GROUPS::contains)) {
      throw new Refused(403, "Customers' files are for the tiers that talk with the customer ("
          + String.join(", ", FILE_GROUPS.stream().sorted().toList()) + ").");
    }
    if (taskId == null || taskId.isBlank() || taskId.length() > 64) {
      throw new Refused(400, "A task id is required.");
    }
    // the query runs as the agent: tasks the agent may not see are not found
    Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessInstanceId() == null) {
      throw new Refused(404, "No task '" + taskId + "' of a case that you may see.");
    }
    return task;
  }

  /**
   * The task's business key. Agents hold no READ on process instances, so this one lookup runs without
   * authorization checks, after the engine found the task as the agent.
   */
  private String reference(Task task) {
    ProcessInstance instance = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(commandContext -> {
          commandContext.disableAuthorizationCheck();
          return engine.getRuntimeService().createProcessInstanceQuery()
              .processInstanceId(task.getProcessInstanceId()).singleResult();
        });
    if (instance == null || instance.getBusinessKey() == null) {
      throw new Refused(404, "Task '" + task.getId() + "' belongs to no case.");
    }
    return instance.getBusinessKey();
  }

  private Authentication currentUser() {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null) {
      throw new Refused(401, "Log into Tasklist first.");
    }
    return user;
  }
}
