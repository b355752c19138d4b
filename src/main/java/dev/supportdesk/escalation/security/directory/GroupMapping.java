package dev.supportdesk.escalation.security.directory;

import dev.supportdesk.escalation.security.Groups;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which directory groups make their members part of which application group. The application's groups
 * (ids, names, grants, Tasklist filters) stay where they are; the directory only says who is in them.
 * A directory group that is not mapped grants nothing. Nothing maps onto {@value Groups#CUSTOMERS} or an
 * organisation: customers are the application's own.
 */
public final class GroupMapping {

  private final Map<String, String> toApplication;
  private final Map<String, List<String>> toDirectory;

  public GroupMapping(Map<String, String> directoryToApplication) {
    if (directoryToApplication == null || directoryToApplication.isEmpty()) {
      throw new IllegalArgumentException("support.agent-directory.group-mapping is empty: map at least one "
          + "directory group onto an application group, e.g. \"[Support Tier 1]\": tier1");
    }
    Set<String> allowed = allowedTargets();
    Map<String, String> mapping = new LinkedHashMap<>();
    directoryToApplication.forEach((directory, application) -> {
      String target = application == null ? "" : application.strip();
      if (!allowed.contains(target)) {
        throw new IllegalArgumentException("support.agent-directory.group-mapping: directory group '" + directory
            + "' maps onto '" + target + "', which is not an agent group; allowed: " + new TreeSet<>(allowed));
      }
      mapping.put(directory.strip(), target);
    });
    this.toApplication = Map.copyOf(mapping);
    this.toDirectory = mapping.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
        LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
  }

  /** Every application group but the customers' (organisations are not in {@link Groups#ALL}). */
  static Set<String> allowedTargets() {
    return Stream.concat(Stream.of(Groups.CAMUNDA_ADMIN), Groups.ALL.stream().map(Groups.Definition::id))
        .filter(id -> !Groups.CUSTOMERS.equals(id)).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The application groups these directory groups stand for, unmapped ones dropped. */
  public Set<String> applicationGroups(Collection<String> directoryGroupIds) {
    return directoryGroupIds.stream().map(toApplication::get).filter(id -> id != null)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The directory groups whose members are in this application group (none for an unmapped one). */
  public List<String> directoryGroups(String applicationGroupId) {
    return toDirectory.getOrDefault(applicationGroupId, List.of());
  }

  public Map<String, String> asMap() {
    return toApplication;
  }
}
