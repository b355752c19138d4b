package dev.supportdesk.escalation.security;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The engine's database identity provider, telling the {@link CredentialCache} about every write to
 * users, groups, memberships and tenants: at once, and again when the change has committed (a check
 * that read the old password in between is then stale too).
 */
public class TrackedIdentityProvider extends DbIdentityServiceProvider {

  private final CredentialCache cache;

  public TrackedIdentityProvider(CredentialCache cache) {
    this.cache = cache;
  }

  private IdentityOperationResult changed(IdentityOperationResult result) {
    if (cache != null) {
      cache.identitiesChanged();
      CommandContext command = Context.getCommandContext();
      if (command != null) {
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
            committed -> cache.identitiesChanged());
      }
    }
    return result;
  }

  @Override
  public IdentityOperationResult saveUser(User user) {
    return changed(super.saveUser(user));
  }

  @Override
  public IdentityOperationResult deleteUser(String userId) {
    return changed(super.deleteUser(userId));
  }

  @Override
  public IdentityOperationResult unlockUser(String userId) {
    return changed(super.unlockUser(userId));
  }

  @Override
  public IdentityOperationResult saveGroup(Group group) {
    return changed(super.saveGroup(group));
  }

  @Override
  public IdentityOperationResult deleteGroup(String groupId) {
    return changed(super.deleteGroup(groupId));
  }

  @Override
  public IdentityOperationResult saveTenant(Tenant tenant) {
    return changed(super.saveTenant(tenant));
  }

  @Override
  public IdentityOperationResult deleteTenant(String tenantId) {
    return changed(super.deleteTenant(tenantId));
  }

  @Override
  public IdentityOperationResult createMembership(String userId, String groupId) {
    return changed(super.createMembership(userId, groupId));
  }

  @Override
  public IdentityOperationResult deleteMembership(String userId, String groupId) {
    return changed(super.deleteMembership(userId, groupId));
  }

  @Override
  public IdentityOperationResult createTenantUserMembership(String tenantId, String userId) {
    return changed(super.createTenantUserMembership(tenantId, userId));
  }

  @Override
  public IdentityOperationResult createTenantGroupMembership(String tenantId, String groupId) {
    return changed(super.createTenantGroupMembership(tenantId, groupId));
  }

  @Override
  public IdentityOperationResult deleteTenantUserMembership(String tenantId, String userId) {
    return changed(super.deleteTenantUserMembership(tenantId, userId));
  }

  @Override
  public IdentityOperationResult deleteTenantGroupMembership(String tenantId, String groupId) {
    return changed(super.deleteTenantGroupMembership(tenantId, groupId));
  }
}
