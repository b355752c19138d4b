package dev.supportdesk.escalation.security.directory;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.agent-directory.*}: agents log in with their company account from an LDAP directory
 * (read-only), customers stay in the application's own store. Off by default. Attribute names default
 * to those of an OpenLDAP {@code inetOrgPerson}/{@code groupOfNames} tree; Active Directory needs
 * {@code sAMAccountName}, {@code (objectClass=user)} and {@code (objectClass=group)}.
 *
 * @param enabled whether agents come from the directory
 * @param url {@code ldap://host:389} or {@code ldaps://host:636}
 * @param managerDn the account the application searches the directory with
 * @param managerPassword its password; from the environment ({@code SUPPORT_AGENT_DIRECTORY_MANAGER_PASSWORD}), never a file
 * @param baseDn the root every search starts from, e.g. {@code dc=example,dc=com}
 * @param userSearchBase where people are, relative to the base, e.g. {@code ou=people}
 * @param userSearchFilter which entries are people; narrow it to the support organisation
 * @param userIdAttribute the login name
 * @param groupSearchBase where groups are, relative to the base
 * @param groupSearchFilter which entries are groups
 * @param groupIdAttribute the group's name in {@link #groupMapping}
 * @param groupMemberAttribute the attribute that lists a group's members (by DN)
 * @param groupMapping directory group id to the application group it makes its members part of, e.g.
 *     {@code "[Support Tier 1]": tier1}; directory groups not listed grant nothing
 * @param acceptUntrustedCertificates trust any LDAPS certificate (test directories only)
 */
@ConfigurationProperties("support.agent-directory")
public record AgentDirectoryProperties(boolean enabled, String url, String managerDn, String managerPassword,
    String baseDn, String userSearchBase, String userSearchFilter, String userIdAttribute,
    String userFirstnameAttribute, String userLastnameAttribute, String userEmailAttribute,
    String groupSearchBase, String groupSearchFilter, String groupIdAttribute, String groupNameAttribute,
    String groupMemberAttribute, Map<String, String> groupMapping, boolean acceptUntrustedCertificates) {

  public AgentDirectoryProperties {
    userSearchBase = orDefault(userSearchBase, "");
    userSearchFilter = orDefault(userSearchFilter, "(objectclass=inetOrgPerson)");
    userIdAttribute = orDefault(userIdAttribute, "uid");
    userFirstnameAttribute = orDefault(userFirstnameAttribute, "givenName");
    userLastnameAttribute = orDefault(userLastnameAttribute, "sn");
    userEmailAttribute = orDefault(userEmailAttribute, "mail");
    groupSearchBase = orDefault(groupSearchBase, "");
    groupSearchFilter = orDefault(groupSearchFilter, "(objectclass=groupOfNames)");
    groupIdAttribute = orDefault(groupIdAttribute, "cn");
    groupNameAttribute = orDefault(groupNameAttribute, "cn");
    groupMemberAttribute = orDefault(groupMemberAttribute, "member");
    groupMapping = groupMapping == null ? Map.of() : Map.copyOf(groupMapping);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
