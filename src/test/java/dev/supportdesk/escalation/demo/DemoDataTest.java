package dev.supportdesk.escalation.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.casefile.CaseReferences;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A newcomer's first run: one login per role and sample cases waiting, created once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:demo-data;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=true"})
class DemoDataTest {

  @Autowired ProcessEngine engine;
  @Autowired DemoData demo;

  @Test
  void createsOneLoginPerRoleAndSampleCasesOnlyOnce() {
    var identity = engine.getIdentityService();
    for (DemoData.DemoUser user : DemoData.USERS) {
      assertThat(identity.createUserQuery().userId(user.id()).memberOfGroup(user.group()).count())
          .as("%s in %s", user.id(), user.group()).isEqualTo(1);
    }
    assertThat(identity.createUserQuery().userId("customer").memberOfGroup(DemoData.DEMO_ORGANISATION).count()).isEqualTo(1);
    assertThat(identity.createGroupQuery().groupId(DemoData.DEMO_ORGANISATION).singleResult().getType())
        .isEqualTo(Groups.TYPE_ORGANISATION);

    var cases = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).list();
    assertThat(cases).hasSize(DemoData.SAMPLE_CASES.size());
    assertThat(cases).extracting(HistoricProcessInstance::getBusinessKey).allMatch(CaseReferences::isValid);
    // opened as the demo customer, so the customer API lists them too
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .variableName(CaseVariables.CUSTOMER_ID).list())
        .extracting(variable -> variable.getValue()).containsOnly("customer").hasSize(DemoData.SAMPLE_CASES.size());

    // a second run (as at the next start) adds nothing
    demo.createIfMissing();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).count()).isEqualTo(DemoData.SAMPLE_CASES.size());
    assertThat(identity.createUserQuery().userIdIn(DemoData.USERS.stream().map(DemoData.DemoUser::id)
        .toArray(String[]::new)).count()).isEqualTo(DemoData.USERS.size());
  }
}
