package dev.supportdesk.escalation.conversation.tasklist;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * "Case files", a Tasklist plugin shipped in the application's jar: a tab beside each task's form that
 * lists the files the customer attached to the case and downloads them. Tasklist finds it through
 * {@code META-INF/services/org.camunda.bpm.tasklist.plugin.spi.TasklistPlugin}, serves its script from
 * {@code plugin-webapp/case-files/app/plugin.js} and its REST resources under
 * {@code /camunda/api/tasklist/plugin/case-files/{engine}/...}, behind the webapps' session login.
 */
public class CaseFilesPlugin extends AbstractTasklistPlugin {

  public static final String ID = "case-files";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(CaseFilesRootResource.class);
  }
}
