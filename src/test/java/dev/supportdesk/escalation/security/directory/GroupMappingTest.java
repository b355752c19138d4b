package dev.supportdesk.escalation.security.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.escalation.security.Groups;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMappingTest {

  @Test
  void directoryGroupsBecomeTheirMappedApplicationGroupsAndNothingElse() {
    GroupMapping mapping = new GroupMapping(Map.of("Support Tier 1", Groups.TIER1, "Helpdesk", Groups.TIER1,
        "R&D", Groups.ENGINEERING));
    assertThat(mapping.applicationGroups(List.of("Support Tier 1", "Sales", "R&D")))
        .containsExactlyInAnyOrder(Groups.TIER1, Groups.ENGINEERING);
    assertThat(mapping.applicationGroups(List.of("Sales"))).isEmpty();
    assertThat(mapping.directoryGroups(Groups.TIER1)).containsExactlyInAnyOrder("Support Tier 1", "Helpdesk");
    assertThat(mapping.directoryGroups(Groups.CUSTOMERS)).isEmpty();
  }

  @Test
  void customersOrganisationsAndUnknownGroupsAreNoTargets() {
    assertThatThrownBy(() -> new GroupMapping(Map.of("Everyone", Groups.CUSTOMERS)))
        .hasMessageContaining("'customers', which is not an agent group");
    assertThatThrownBy(() -> new GroupMapping(Map.of("Acme", "org-acme"))).hasMessageContaining("org-acme");
    assertThatThrownBy(() -> new GroupMapping(Map.of("Support", "tier-1"))).hasMessageContaining("allowed: [")
        .hasMessageContaining("tier1");
    assertThatThrownBy(() -> new GroupMapping(Map.of())).hasMessageContaining("group-mapping is empty");
  }

  @Test
  void aDirectoryWithoutAddressBaseOrManagerPasswordStopsTheStart() {
    Map<String, String> mapping = Map.of("Support", Groups.TIER1);
    assertThatThrownBy(() -> new AgentDirectoryPlugin(properties(null, "dc=x", null, null, mapping), null))
        .hasMessageContaining("support.agent-directory.url");
    assertThatThrownBy(() -> new AgentDirectoryPlugin(properties("ldap://h", " ", null, null, mapping), null))
        .hasMessageContaining("support.agent-directory.base-dn");
    assertThatThrownBy(() -> new AgentDirectoryPlugin(properties("ldap://h", "dc=x", "cn=m,dc=x", "", mapping), null))
        .hasMessageContaining("manager-password");
    AgentDirectoryPlugin plugin = new AgentDirectoryPlugin(properties("ldaps://h:636", "dc=x", "cn=m,dc=x", "s3cret", mapping), null);
    assertThat(plugin.isUseSsl()).isTrue();
    assertThat(plugin.isAllowAnonymousLogin()).isFalse();
    assertThat(plugin.getUserIdAttribute()).isEqualTo("uid");
  }

  static AgentDirectoryProperties properties(String url, String baseDn, String managerDn, String managerPassword,
      Map<String, String> mapping) {
    return new AgentDirectoryProperties(true, url, managerDn, managerPassword, baseDn, null, null, null, null, null,
        null, null, null, null, null, null, mapping, false);
  }
}
