package dev.supportdesk.escalation.conversation.tasklist;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

/** {@code /camunda/api/tasklist/plugin/case-files}: static assets (inherited) and the per-engine API. */
@Path("plugin/" + CaseFilesPlugin.ID)
public class CaseFilesRootResource extends AbstractTasklistPluginRootResource {

  public CaseFilesRootResource() {
    super(CaseFilesPlugin.ID);
  }

  @Path("{engineName}")
  public CaseFilesResource engine(@PathParam("engineName") String engineName) {
    return subResource(new CaseFilesResource(engineName, servletContext), engineName);
  }
}
