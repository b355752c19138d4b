package dev.supportdesk.escalation.security.directory;

import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapUserQueryImpl;

/** The engine's user query, able to say whether the directory can answer it and to hand it over. */
class DirectoryAwareUserQuery extends DbUserQueryImpl {

  private static final long serialVersionUID = 1L;

  DirectoryAwareUserQuery() {}

  DirectoryAwareUserQuery(CommandExecutor executor) {
    super(executor);
  }

  /** Potential starters and tenant members are the database's: the directory knows neither. */
  boolean databaseOnly() {
    return procDefId != null || tenantId != null;
  }

  /** The same criteria as a directory query, members of {@code directoryGroupId} when it is not null. */
  LdapUserQueryImpl forDirectory(LdapConfiguration configuration, String directoryGroupId) {
    LdapUserQueryImpl query = new LdapUserQueryImpl(configuration);
    if (id != null) {
      query.userId(id);
    }
    if (ids != null) {
      query.userIdIn(ids);
    }
    if (firstName != null) {
      query.userFirstName(firstName);
    }
    if (firstNameLike != null) {
      query.userFirstNameLike(firstNameLike);
    }
    if (lastName != null) {
      query.userLastName(lastName);
    }
    if (lastNameLike != null) {
      query.userLastNameLike(lastNameLike);
    }
    if (email != null) {
      query.userEmail(email);
    }
    if (emailLike != null) {
      query.userEmailLike(emailLike);
    }
    if (directoryGroupId != null) {
      query.memberOfGroup(directoryGroupId);
    }
    query.setOrderingProperties(getOrderingProperties());
    return query;
  }
}
