package dev.supportdesk.escalation.security.directory;

import java.util.Arrays;
import java.util.Set;
import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/** The engine's group query, able to ask for a directory user's groups among the database's groups. */
class DirectoryAwareGroupQuery extends DbGroupQueryImpl {

  private static final long serialVersionUID = 1L;

  DirectoryAwareGroupQuery() {}

  DirectoryAwareGroupQuery(CommandExecutor executor) {
    super(executor);
  }

  /**
   * The same criteria without the member, restricted to {@code groupIds} (the application groups a
   * directory user is in), or null when no group can match.
   */
  DbGroupQueryImpl amongGroups(Set<String> groupIds) {
    DirectoryAwareGroupQuery query = new DirectoryAwareGroupQuery();
    String[] among = groupIds.stream()
        .filter(g -> id == null || id.equals(g))
        .filter(g -> ids == null || Arrays.asList(ids).contains(g))
        .toArray(String[]::new);
    if (among.length == 0) {
      return null;
    }
    query.ids = among;
    query.name = name;
    query.nameLike = nameLike;
    query.type = type;
    query.procDefId = procDefId;
    query.tenantId = tenantId;
    query.setOrderingProperties(getOrderingProperties());
    query.setFirstResult(getFirstResult());
    query.setMaxResults(getMaxResults());
    return query;
  }
}
