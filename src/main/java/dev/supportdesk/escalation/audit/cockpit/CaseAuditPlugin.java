package dev.supportdesk.escalation.audit.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The auditors' case view, a Cockpit plugin shipped in the application's jar: Cockpit finds it through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}, serves its script from
 * {@code plugin-webapp/case-audit/app/plugin.js} and its REST resources under
 * {@code /camunda/api/cockpit/plugin/case-audit/{engine}/...}, behind the webapps' own session login.
 */
public class CaseAuditPlugin extends AbstractCockpitPlugin {

  public static final String ID = "case-audit";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(CaseAuditRootResource.class);
  }
}
