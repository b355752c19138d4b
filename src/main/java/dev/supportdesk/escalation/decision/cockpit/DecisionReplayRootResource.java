package dev.supportdesk.escalation.decision.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/** {@code /camunda/api/cockpit/plugin/decision-replay}: static assets (inherited) and the per-engine API. */
@Path("plugin/" + DecisionReplayPlugin.ID)
public class DecisionReplayRootResource extends AbstractCockpitPluginRootResource {

  public DecisionReplayRootResource() {
    super(DecisionReplayPlugin.ID);
  }

  @Path("{engineName}")
  public DecisionReplayResource engine(@PathParam("engineName") String engineName) {
    return subResource(new DecisionReplayResource(engineName, servletContext), engineName);
  }
}
