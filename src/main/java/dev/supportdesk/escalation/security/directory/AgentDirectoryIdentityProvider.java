package dev.supportdesk.escalation.security.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.supportdesk.escalation.security.CredentialCache;
import dev.supportdesk.escalation.security.TrackedIdentityProvider;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapGroupQuery;
import org.camunda.bpm.identity.impl.ldap.LdapUserQueryImpl;

/**
 * The engine's identities with agents from the company directory: the database keeps everything it kept
 * (customers, organisations, the application's groups and grants, local accounts such as the
 * administrator) and stays writable for them; people of the directory are read from it, their
 * passwords checked by it, and their groups are the application groups their directory groups map onto
 * ({@link GroupMapping}). A login that exists in the database is the database's; a new database user
 * cannot take a directory login, and a directory user gets no database memberships (the directory
 * decides their tier). Lists show the database's users first, then the directory's.
 */
public class AgentDirectoryIdentityProvider extends TrackedIdentityProvider {

  private final LdapConfiguration configuration;
  private final GroupMapping mapping;
  private DirectorySession directory;

  AgentDirectoryIdentityProvider(CredentialCache cache, LdapConfiguration configuration, GroupMapping mapping) {
    super(cache);
    this.configuration = configuration;
    this.mapping = mapping;
  }

  private DirectorySession directory() {
    if (directory == null) {
      directory = new DirectorySession(configuration);
    }
    return directory;
  }

  @Override
  public void close() {
    if (directory != null) {
      directory.close();
      directory = null;
    }
    super.close();
  }

  /** Whether the login is the database's, read without the caller's authorizations (it decides where a password is checked). */
  private boolean isDatabaseUser(String userId) {
    return userId != null && getDbEntityManager().selectById(UserEntity.class, userId) != null;
  }

  private boolean isDirectoryUser(String userId) {
    if (userId == null || isDatabaseUser(userId)) {
      return false;
    }
    LdapUserQueryImpl query = new LdapUserQueryImpl(configuration);
    query.userId(userId);
    return directory().findUserCountByQueryCriteria(query) > 0;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (userId == null || userId.isBlank()) {
      return false;
    }
    return isDatabaseUser(userId) ? super.checkPassword(userId, password) : directory().checkPassword(userId, password);
  }

  // users

  @Override
  public UserQuery createUserQuery() {
    return new DirectoryAwareUserQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
  }

  @Override
  public UserQueryImpl createUserQuery(CommandContext commandContext) {
    return new DirectoryAwareUserQuery();
  }

  @Override
  public long findUserCountByQueryCriteria(DbUserQueryImpl query) {
    List<LdapUserQueryImpl> inDirectory = directoryQueries(query);
    long inDatabase = super.findUserCountByQueryCriteria(query);
    if (inDirectory.size() == 1) {
      return inDatabase + directory().findUserCountByQueryCriteria(inDirectory.get(0));
    }
    return inDatabase + directoryUsers(inDirectory).size();
  }

  @Override
  public List<User> findUserByQueryCriteria(DbUserQueryImpl query) {
    List<LdapUserQueryImpl> inDirectory = directoryQueries(query);
    if (inDirectory.isEmpty()) {
      return super.findUserByQueryCriteria(query);
    }
    int first = query.getFirstResult();
    int max = query.getMaxResults();
    long inDatabase = super.findUserCountByQueryCriteria(query);
    List<User> page = new ArrayList<>();
    if (first < inDatabase) {
      page.addAll(super.findUserByQueryCriteria(query));
    }
    int wanted = max - page.size();
    if (wanted <= 0) {
      return page;
    }
    int directoryFirst = (int) Math.max(0, first - inDatabase);
    if (inDirectory.size() == 1) {
      LdapUserQueryImpl single = inDirectory.get(0);
      single.setFirstResult(directoryFirst);
      single.setMaxResults(wanted);
      page.addAll(directory().findUserByQueryCriteria(single));
    } else {
      List<User> all = directoryUsers(inDirectory);
      all.stream().skip(directoryFirst).limit(wanted).forEach(page::add);
    }
    return page;
  }

  /** The directory queries that answer this query beside the database: none, one, or one per mapped directory group. */
  private List<LdapUserQueryImpl> directoryQueries(DbUserQueryImpl query) {
    if (!(query instanceof DirectoryAwareUserQuery aware) || aware.databaseOnly()) {
      return List.of();
    }
    String group = query.getGroupId();
    if (group == null) {
      return List.of(aware.forDirectory(configuration, null));
    }
    return mapping.directoryGroups(group).stream().map(g -> aware.forDirectory(configuration, g)).toList();
  }

  /** Every user of these directory queries, each once, in query order. */
  private List<User> directoryUsers(List<LdapUserQueryImpl> queries) {
    Map<String, User> users = new LinkedHashMap<>();
    for (LdapUserQueryImpl query : queries) {
      directory().findUserByQueryCriteria(query).forEach(u -> users.putIfAbsent(u.getId(), u));
    }
    return new ArrayList<>(users.values());
  }

  // groups

  @Override
  public GroupQuery createGroupQuery() {
    return new DirectoryAwareGroupQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
  }

  @Override
  public GroupQuery createGroupQuery(CommandContext commandContext) {
    return new DirectoryAwareGroupQuery();
  }

  @Override
  public long findGroupCountByQueryCriteria(DbGroupQueryImpl query) {
    if (!isDirectoryMemberQuery(query)) {
      return super.findGroupCountByQueryCriteria(query);
    }
    DbGroupQueryImpl among = ((DirectoryAwareGroupQuery) query).amongGroups(applicationGroupsOf(query.getUserId()));
    return among == null ? 0 : super.findGroupCountByQueryCriteria(among);
  }

  @Override
  public List<Group> findGroupByQueryCriteria(DbGroupQueryImpl query) {
    if (!isDirectoryMemberQuery(query)) {
      return super.findGroupByQueryCriteria(query);
    }
    DbGroupQueryImpl among = ((DirectoryAwareGroupQuery) query).amongGroups(applicationGroupsOf(query.getUserId()));
    return among == null ? List.of() : super.findGroupByQueryCriteria(among);
  }

  private boolean isDirectoryMemberQuery(DbGroupQueryImpl query) {
    return query instanceof DirectoryAwareGroupQuery && query.getUserId() != null
        && !isDatabaseUser(query.getUserId());
  }

  /** The application groups a directory user is in, through the mapping of their directory groups. */
  private Set<String> applicationGroupsOf(String userId) {
    LdapGroupQuery query = new LdapGroupQuery();
    query.groupMember(userId);
    return mapping.applicationGroups(directory().findGroupByQueryCriteria(query).stream().map(Group::getId).toList());
  }

  // writes: the database's, never over a directory login

  @Override
  public UserEntity createNewUser(String userId) {
    if (isDirectoryUser(userId)) {
      throw new BadUserRequestException("The user '" + userId + "' already exists in the company directory;"
          + " agents are managed there.");
    }
    return super.createNewUser(userId);
  }

  @Override
  public IdentityOperationResult createMembership(String userId, String groupId) {
    if (isDirectoryUser(userId)) {
      throw new BadUserRequestException("'" + userId + "' is an agent of the company directory: their groups"
          + " come from the directory (support.agent-directory.group-mapping), not from Admin.");
    }
    return super.createMembership(userId, groupId);
  }
}
