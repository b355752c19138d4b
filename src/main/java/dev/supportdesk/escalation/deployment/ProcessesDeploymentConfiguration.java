package dev.supportdesk.escalation.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the files of {@code processes/} and {@code forms/} as one deployment, named by their path
 * inside those folders.
 *
 * <p>The starter's default names resources by absolute file path (or bare file name inside a jar), so
 * the same unchanged files would look new whenever the application runs from another directory or
 * from the packaged jar, and every start would create a new deployment. Stable names let the engine's
 * duplicate filter skip unchanged files, so a restart deploys nothing and running cases keep their
 * version.
 */
@Component
public class ProcessesDeploymentConfiguration extends AbstractCamundaConfiguration
    implements CamundaDeploymentConfiguration {

  public static final String DEPLOYMENT_NAME = "support-escalation";
  static final String[] ROOTS = {"processes/", "forms/"};

  private static final Logger LOG = LoggerFactory.getLogger(ProcessesDeploymentConfiguration.class);

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    if (!camundaBpmProperties.isAutoDeploymentEnabled()) {
      return;
    }
    Map<String, Resource> resources = resolve(camundaBpmProperties.getDeploymentResourcePattern());
    configuration.setDeploymentName(DEPLOYMENT_NAME);
    configuration.setDeploymentResources(resources.values().toArray(Resource[]::new));
    LOG.info("Deploying {} resources as '{}': {}", resources.size(), DEPLOYMENT_NAME, resources.keySet());
  }

  @Override
  public java.util.Set<Resource> getDeploymentResources() {
    return new java.util.LinkedHashSet<>(
        resolve(camundaBpmProperties.getDeploymentResourcePattern()).values());
  }

  static Map<String, Resource> resolve(String[] patterns) {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    Map<String, Resource> byName = new LinkedHashMap<>();
    for (String pattern : patterns) {
      try {
        Resource[] found = resolver.getResources(pattern.trim());
        Arrays.sort(found, Comparator.comparing(ProcessesDeploymentConfiguration::urlOf));
        for (Resource resource : found) {
          if (!resource.isReadable() || urlOf(resource).endsWith("/")) {
            continue;
          }
          String name = nameOf(urlOf(resource));
          byName.putIfAbsent(name, new NamedResource(name, resource.getContentAsByteArray()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read deployment resources for pattern " + pattern, e);
      }
    }
    return byName;
  }

  /** The path below the last {@code processes/} or {@code forms/} folder, prefixed by that folder. */
  static String nameOf(String url) {
    int best = -1;
    for (String root : ROOTS) {
      int at = url.lastIndexOf("/" + root);
      if (at > best) {
        best = at;
      }
    }
    if (best < 0) {
      return url.substring(url.lastIndexOf('/') + 1);
    }
    return url.substring(best + 1);
  }

  private static String urlOf(Resource resource) {
    try {
      return resource.getURL().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** In-memory copy whose {@link #getPathWithinContext()} is the deployment resource name. */
  static final class NamedResource extends ByteArrayResource implements ContextResource {
    private final String name;

    NamedResource(String name, byte[] content) {
      super(content, name);
      this.name = name;
    }

    @Override
    public String getPathWithinContext() {
      return name;
    }

    @Override
    public String getFilename() {
      return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NamedResource that && that.name.equals(name) && super.equals(other);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
