package dev.supportdesk.escalation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The first Tier 1 agent who works a case owns it, sees it in "My cases", and a lead can hand it on. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:case-ownership;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
class CaseOwnershipIntegrationTest {

  @Autowired ProcessEngine engine;
  @Autowired CaseOwnership ownership;

  @Test
  void theFirstTier1AgentToClaimTheCaseOwnsItAndSeesItInTheirOwnMyCasesQueue() {
    TestUsers.ensure(engine.getIdentityService(), "olive.owner", Groups.TIER1);
    TestUsers.ensure(engine.getIdentityService(), "otto.other", Groups.TIER1);
    Task task = openCase("CASE-2026-OWNER1");
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CaseVariables.CASE_OWNER))
        .as("nobody owns a case nobody worked").isNull();

    engine.getTaskService().claim(task.getId(), "olive.owner");
    engine.getTaskService().setAssignee(task.getId(), "otto.other");

    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CaseVariables.CASE_OWNER))
        .as("the first who worked it, not the last").isEqualTo("olive.owner");
    assertThat(engine.getTaskService().getVariableLocal(task.getId(), QueueVariables.OWNER)).isEqualTo("olive.owner");
    Filter myCases = engine.getFilterService().createFilterQuery().filterName(CaseOwnership.MY_CASES)
        .filterOwner("olive.owner").singleResult();
    assertThat(engine.getAuthorizationService().isUserAuthorized("olive.owner", List.of(Groups.TIER1),
        Permissions.READ, Resources.FILTER, myCases.getId())).isTrue();
    assertThat(engine.getAuthorizationService().isUserAuthorized("otto.other", List.of(Groups.TIER1),
        Permissions.READ, Resources.FILTER, myCases.getId())).as("one's own queue").isFalse();
    assertThat(engine.getFilterService().<Task>list(myCases.getId())).extracting(Task::getId)
        .containsExactly(task.getId());
    assertThat(engine.getFilterService().createFilterQuery().filterName(CaseOwnership.MY_CASES)
        .filterOwner("otto.other").count()).isZero();
  }

  @Test
  void aLeadHandsTheCaseToAnotherOwnerAndItsOpenTasksMoveWithIt() {
    TestUsers.ensure(engine.getIdentityService(), "olga.first", Groups.TIER1);
    TestUsers.ensure(engine.getIdentityService(), "nina.next", Groups.TIER1);
    Task task = openCase("CASE-2026-OWNER2");
    engine.getTaskService().claim(task.getId(), "olga.first");

    ownership.reassign(engine, "CASE-2026-OWNER2", "nina.next");

    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), CaseVariables.CASE_OWNER))
        .isEqualTo("nina.next");
    Filter next = engine.getFilterService().createFilterQuery().filterName(CaseOwnership.MY_CASES)
        .filterOwner("nina.next").singleResult();
    Filter first = engine.getFilterService().createFilterQuery().filterName(CaseOwnership.MY_CASES)
        .filterOwner("olga.first").singleResult();
    assertThat(engine.getFilterService().<Task>list(next.getId())).extracting(Task::getId).contains(task.getId());
    assertThat(engine.getFilterService().<Task>list(first.getId())).extracting(Task::getId).doesNotContain(task.getId());
    assertThatThrownBy(() -> ownership.reassign(engine, "CASE-2026-NOSUCH", "nina.next"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CASE-2026-NOSUCH");
  }

  private Task openCase(String reference) {
    engine.getRuntimeService().startProcessInstanceByKey(CaseVariables.PROCESS_ID, reference, Map.of(
        CaseVariables.SUMMARY, "Export to PDF fails", CaseVariables.DESCRIPTION, "Seen since Monday",
        CaseVariables.IMPACT, "MEDIUM", CaseVariables.URGENCY, "MEDIUM"));
    return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(reference).taskCandidateGroup(Groups.TIER1).singleResult(), t -> t != null);
  }
}
