package dev.supportdesk.escalation.audit.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/** {@code /camunda/api/cockpit/plugin/case-audit}: static assets (inherited) and the per-engine API. */
@Path("plugin/" + CaseAuditPlugin.ID)
public class CaseAuditRootResource extends AbstractCockpitPluginRootResource {

  public CaseAuditRootResource() {
    super(CaseAuditPlugin.ID);
  }

  @Path("{engineName}")
  public CaseAuditResource engine(@PathParam("engineName") String engineName) {
    return subResource(new CaseAuditResource(engineName, servletContext), engineName);
  }
}
