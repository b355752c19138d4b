package dev.supportdesk.escalation.decision;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;

/**
 * The optional gate before a changed decision goes live (issue 17, {@code support.decision-replay.deployment-gate}):
 * a deployment that changes a decision table already in use must name, in its deployment name, a replay of
 * that very file. "Changed" means the file differs from the one the decision's latest version was deployed
 * from; "that very file" means the replay's stored SHA-256 equals the deployed file's and the replay is of the
 * same decision key. Camunda Modeler's Deploy dialog has the deployment name field, so a process owner runs
 * the replay in Cockpit, reviews it, and deploys with e.g. "Priority for HIGH×LOW (replay 8f14e45f-…)".
 *
 * <p>Not gated: decisions deployed for the first time (no history to replay), unchanged files, and the
 * application's own deployment of {@code processes/} at start (reviewed in version control; the gate opens
 * once the application is ready). A refusal is a {@link BadUserRequestException}, which /engine-rest answers
 * with 400, and the deployment's transaction is rolled back, so nothing of it is stored.
 */
public class DeploymentGate implements Deployer {

  static final Pattern REPLAY_ID = Pattern.compile(
      "\\b([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\b");

  private final DecisionReplayStore replays;
  private volatile boolean open;

  public DeploymentGate(DecisionReplayStore replays) {
    this.replays = replays;
  }

  /** From now on deployments are checked; before, only the application's own start-up deployment runs. */
  public void open() {
    open = true;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!open || !deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    List<String> named = null;
    List<String> refusals = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (!isDmn(resource.getName()) || resource.getBytes() == null) {
        continue;
      }
      Set<String> changed = changedDecisions(commandContext, resource);
      if (changed.isEmpty()) {
        continue;
      }
      if (named == null) {
        named = replayIds(deployment.getName());
      }
      String sha256 = DecisionReplayService.sha256(resource.getBytes());
      for (String key : changed) {
        refusal(named, resource.getName(), key, sha256).ifPresent(refusals::add);
      }
    }
    if (!refusals.isEmpty()) {
      throw new BadUserRequestException(String.join(" ", refusals)
          + " This installation deploys a changed decision only with a reviewed what-if replay: replay the file in"
          + " Cockpit (Decision replay), then deploy it with the replay's id in the deployment name.");
    }
  }

  /** The decision tables of the file whose latest deployed version came from a different file. */
  private static Set<String> changedDecisions(CommandContext commandContext, ResourceEntity resource) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
    } catch (RuntimeException e) {
      // not readable: the engine's own DMN deployer refuses it with the parse error
      return Set.of();
    }
    Set<String> changed = new LinkedHashSet<>();
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (!(decision.getExpression() instanceof DecisionTable) || decision.getId() == null) {
        continue;
      }
      DecisionDefinitionEntity latest = commandContext.getDecisionDefinitionManager()
          .findLatestDecisionDefinitionByKey(decision.getId());
      if (latest == null) {
        continue;
      }
      ResourceEntity previous = commandContext.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(latest.getDeploymentId(), latest.getResourceName());
      if (previous == null || !Arrays.equals(previous.getBytes(), resource.getBytes())) {
        changed.add(decision.getId());
      }
    }
    return changed;
  }

  /** Why the deployment may not change {@code key} with this file, or empty when a named replay covers it. */
  private Optional<String> refusal(List<String> named, String resourceName, String key, String sha256) {
    if (named.isEmpty()) {
      return Optional.of("'" + resourceName + "' changes decision '" + key + "', and the deployment name names no"
          + " replay.");
    }
    List<String> reasons = new ArrayList<>();
    for (String id : named) {
      Optional<DecisionReplayStore.Head> head = replays.head(id);
      if (head.isEmpty()) {
        reasons.add("there is no replay " + id);
      } else if (!head.get().decisionKey().equals(key)) {
        reasons.add("replay " + id + " replayed decision '" + head.get().decisionKey() + "'");
      } else if (!head.get().dmnSha256().equalsIgnoreCase(sha256)) {
        reasons.add("replay " + id + " replayed another file (SHA-256 " + head.get().dmnSha256().substring(0, 12)
            + "…, this file " + sha256.substring(0, 12) + "…)");
      } else {
        return Optional.empty();
      }
    }
    return Optional.of("'" + resourceName + "' changes decision '" + key + "', but " + String.join("; ", reasons)
        + ".");
  }

  /** The replay ids the deployment name carries, lower case, in the order written. */
  static List<String> replayIds(String deploymentName) {
    List<String> named = new ArrayList<>();
    Matcher ids = REPLAY_ID.matcher(deploymentName == null ? "" : deploymentName);
    while (ids.find()) {
      named.add(ids.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    return named;
  }

  private static boolean isDmn(String name) {
    return name != null && (name.endsWith(".dmn") || name.endsWith(".dmn11.xml"));
  }
}
