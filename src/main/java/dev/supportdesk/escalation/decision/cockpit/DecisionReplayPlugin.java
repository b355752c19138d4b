package dev.supportdesk.escalation.decision.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The process owners' what-if page, a Cockpit plugin beside the case audit: found through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}, script in
 * {@code plugin-webapp/decision-replay/app/plugin.js}, REST under
 * {@code /camunda/api/cockpit/plugin/decision-replay/{engine}/...} behind the webapps' session login.
 */
public class DecisionReplayPlugin extends AbstractCockpitPlugin {

  public static final String ID = "decision-replay";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(DecisionReplayRootResource.class);
  }
}
