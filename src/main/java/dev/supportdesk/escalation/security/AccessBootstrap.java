package dev.supportdesk.escalation.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Brings identities and authorizations to the state the application needs, right after the engine is
 * built and before anyone can call it.
 *
 * <p>Runs before the starter's own admin creation, so the administrator is always created here, with a
 * configured or generated password (never the starter's default of "password = user id"), and the
 * {@code camunda-admin} group always keeps a direct member: an empty group would reopen the webapps'
 * first-run setup page, which lets anyone create an administrator.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessBootstrap extends AbstractCamundaConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(AccessBootstrap.class);

  private final Environment environment;
  private final TasklistFilters tasklistFilters;

  public AccessBootstrap(Environment environment, TasklistFilters tasklistFilters) {
    this.environment = environment;
    this.tasklistFilters = tasklistFilters;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    ensureAdministrator(identity, authorizations);
    for (Groups.Definition group : Groups.ALL) {
      ensureGroup(identity, group.id(), group.name(), group.type());
    }
    for (AccessPolicy.Grant grant : AccessPolicy.grants()) {
      ensureGrant(authorizations, grant);
    }
    tasklistFilters.ensure(engine);
  }

  void ensureAdministrator(IdentityService identity, AuthorizationService authorizations) {
    ensureGroup(identity, Groups.CAMUNDA_ADMIN, "Camunda administrators", "SYSTEM");
    for (Resources resource : Resources.values()) {
      ensureGrant(authorizations, new AccessPolicy.Grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL));
    }
    String adminId = environment.getRequiredProperty(GeneratedAdminPasswordEnvironmentPostProcessor.ADMIN_ID);
    if (identity.createUserQuery().userId(adminId).count() == 0) {
      String password = environment.getRequiredProperty(GeneratedAdminPasswordEnvironmentPostProcessor.ADMIN_PASSWORD);
      User admin = identity.newUser(adminId);
      admin.setFirstName("Support");
      admin.setLastName("Administrator");
      admin.setPassword(password);
      var policy = identity.checkPasswordAgainstPolicy(password, admin);
      if (!policy.isValid()) {
        throw new IllegalStateException("The configured camunda.bpm.admin-user.password does not satisfy the"
            + " password policy (at least 10 characters with upper and lower case, a digit and a special"
            + " character, not containing the user id or name)");
      }
      identity.saveUser(admin);
      if (password.equals(environment.getProperty(GeneratedAdminPasswordEnvironmentPostProcessor.GENERATED_MARKER))) {
        // Printed once: on later starts the user exists and no password is shown again.
        LOG.warn("""

            ================================================================
             Created administrator '{}' with generated password: {}
             It is shown only now. Change it in Admin (/camunda/app/admin),
             or set CAMUNDA_BPM_ADMIN_USER_PASSWORD before the first start.
            ================================================================""", adminId, password);
      } else {
        LOG.info("Created administrator '{}' with the configured password", adminId);
      }
    }
    if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).userId(adminId).count() == 0) {
      identity.createMembership(adminId, Groups.CAMUNDA_ADMIN);
    }
  }

  static void ensureGroup(IdentityService identity, String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /** Adds what the table grants; never removes what an administrator granted on top. */
  static void ensureGrant(AuthorizationService authorizations, AccessPolicy.Grant grant) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(grant.groupId())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .singleResult();
    Authorization authorization = existing;
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    }
    boolean changed = existing == null;
    for (Permission permission : grant.permissions()) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }
}
