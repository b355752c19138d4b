package dev.supportdesk.escalation.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.intake.CustomerFixtures;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.CommandRace;
import dev.supportdesk.escalation.support.Http;
import dev.supportdesk.escalation.support.TestUsers;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import dev.supportdesk.escalation.tier2.Tier2Variables;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Races on one task or one waiting step, with controlled interleaving ({@link CommandRace}): both
 * transactions read the same state before either writes. Two agents completing or claiming the same
 * task over /engine-rest, two customer replies at once, a customer reply racing the time-out of the wait.
 * Whoever wins, the other side gets a clear answer (never a 500), the process moves on exactly once and
 * no reply is lost. The job executor is off: the time-out's timer job is executed by the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:races;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "support.demo.enabled=false",
    "camunda.bpm.job-execution.enabled=false"})
class RaceConditionsTest {

  static final String PROBE = "RaceProbeProcess";
  static final String BRANCH_PROBE = "RaceBranchProbeProcess";
  static final String ORGANISATION = "org-race-it";
  static final String CUSTOMER = "rita.race";
  static final String AGENT_A = "ann.race";
  static final String AGENT_B = "bob.race";
  static final List<String> FIGURES = new ArrayList<>();

  @TestConfiguration
  static class Interleaving {
    @Bean
    CommandRace commandRace() {
      return new CommandRace();
    }

    @Bean
    ProcessEnginePlugin commandRacePlugin(CommandRace race) {
      return race.plugin();
    }
  }

  @Autowired ProcessEngine engine;
  @Autowired CommandRace races;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  Http http;
  final ObjectMapper json = new ObjectMapper();
  final ExecutorService threads = Executors.newFixedThreadPool(2);

  @BeforeEach
  void setUp() {
    http = new Http(port);
    var identity = engine.getIdentityService();
    TestUsers.ensure(identity, AGENT_A, Groups.TIER1);
    TestUsers.ensure(identity, AGENT_B, Groups.TIER1);
    CustomerFixtures.organisation(identity, ORGANISATION, "Race Ltd");
    CustomerFixtures.customer(identity, CUSTOMER, ORGANISATION);
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROBE).count() == 0) {
      engine.getRepositoryService().createDeployment().name("race-probe").addModelInstance(PROBE + ".bpmn",
          Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1).startEvent()
              .userTask("Task_Probe").name("Race probe").camundaCandidateGroups(Groups.TIER1)
              .endEvent("EndEvent_Probe").done()).deploy();
    }
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(BRANCH_PROBE).count() == 0) {
      engine.getRepositoryService().createDeployment().name("race-branch-probe").addModelInstance(BRANCH_PROBE + ".bpmn",
          Bpmn.createExecutableProcess(BRANCH_PROBE).camundaHistoryTimeToLive(1).startEvent()
              .parallelGateway("Gateway_BranchProbeFork")
              .userTask("Task_BranchProbe").name("Race branch probe").camundaCandidateGroups(Groups.TIER1)
              .endEvent("EndEvent_BranchProbeWorked")
              .moveToNode("Gateway_BranchProbeFork")
              .serviceTask("Task_BranchProbeStep").camundaAsyncBefore().camundaExpression("${true}")
              .endEvent("EndEvent_BranchProbeDone").done()).deploy();
    }
  }

  @AfterEach
  void disarm() {
    races.disarm();
    threads.shutdownNow();
  }

  @AfterAll
  static void printFigures() {
    System.out.println("RACES tried: " + FIGURES.size());
    FIGURES.forEach(line -> System.out.println("RACE " + line));
  }

  // ------------------------------------------------------------------ two agents, one task

  @Test
  void twoAgentsCompleteTheSameTaskOneWinsTheOtherHearsAConflict() throws Exception {
    Task task = probeTask();
    CommandRace.Race race = races.arm(null, "CompleteTaskCmd");

    List<HttpResponse<String>> answers = both(
        () -> http.postJson("/engine-rest/task/" + task.getId() + "/complete", agent(AGENT_A), "{}"),
        () -> http.postJson("/engine-rest/task/" + task.getId() + "/complete", agent(AGENT_B), "{}"));

    assertThat(race.interleaved()).isTrue();
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(204, 409);
    HttpResponse<String> loser = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
    assertConflictInWords(loser, "completed or changed by someone else");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).activityId("EndEvent_Probe").count()).isEqualTo(1);

    // the loser reloads too late: the task is gone, and it says so
    HttpResponse<String> late = http.postJson("/engine-rest/task/" + task.getId() + "/complete", agent(AGENT_B), "{}");
    assertThat(late.statusCode()).isEqualTo(404);
    assertConflictInWords(late, "no longer exists");
    figure("two agents complete one task: interleaved=%s, answers %s, then %d; process ended once",
        race.interleaved(), statuses(answers), late.statusCode());
  }

  @Test
  void twoAgentsClaimTheSameTaskOneWinsTheOtherHearsAConflict() throws Exception {
    Task task = probeTask();
    CommandRace.Race race = races.arm(null, "ClaimTaskCmd");

    List<HttpResponse<String>> answers = both(
        () -> http.postJson("/engine-rest/task/" + task.getId() + "/claim", agent(AGENT_A), "{\"userId\":\"" + AGENT_A + "\"}"),
        () -> http.postJson("/engine-rest/task/" + task.getId() + "/claim", agent(AGENT_B), "{\"userId\":\"" + AGENT_B + "\"}"));

    assertThat(race.interleaved()).isTrue();
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(204, 409);
    String winner = answers.get(0).statusCode() == 204 ? AGENT_A : AGENT_B;
    String loserId = winner.equals(AGENT_A) ? AGENT_B : AGENT_A;
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(winner);
    assertConflictInWords(answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow(),
        "completed or changed by someone else");

    // the loser tries again: now the engine knows the task is claimed, and the agent hears it in words
    HttpResponse<String> again = http.postJson("/engine-rest/task/" + task.getId() + "/claim", agent(loserId),
        "{\"userId\":\"" + loserId + "\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertConflictInWords(again, "claimed this task");
    figure("two agents claim one task: interleaved=%s, answers %s, then %d; assignee %s",
        race.interleaved(), statuses(answers), again.statusCode(), winner);
  }

  // ------------------------------------------------------------------ an agent and a branch of the same case

  @Test
  void agentCompletesATaskWhileAParallelBranchEndsTheCompletionRunsAgainAndGoesThrough() throws Exception {
    // the case's receipt mail branch, in small: a parallel branch whose step ends while the agent works
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(BRANCH_PROBE);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    Job branchEnd = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(task.getExecutionId()).as("the task runs on a branch of its own").isNotEqualTo(instance.getId());
    CommandRace.Race race = races.arm("ExecuteJobsCmd", "ExecuteJobsCmd", "CompleteTaskCmd");

    Future<Throwable> branch = threads.submit(() -> executeJob(branchEnd.getId()));
    Future<HttpResponse<String>> completion = threads.submit(() ->
        http.postJson("/engine-rest/task/" + task.getId() + "/complete", agent(AGENT_A), "{}"));

    HttpResponse<String> answer = completion.get(60, TimeUnit.SECONDS);
    assertThat(branch.get(60, TimeUnit.SECONDS)).isNull();
    assertThat(race.interleaved()).isTrue();
    assertThat(race.winner()).isEqualTo("ExecuteJobsCmd");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
        .getDeleteReason()).isEqualTo("completed");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("EndEvent_BranchProbeWorked").count()).isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getEndTime()).as("case ended once both branches ended").isNotNull();
    figure("agent completes while a parallel branch ends: interleaved=%s, branch first, completion answered %d"
        + " after running again", race.interleaved(), answer.statusCode());
  }

  // ------------------------------------------------------------------ customer replies

  @Test
  void twoCustomerRepliesAtOnceAreBothKeptAndTheStepMovesOnOnce() throws Exception {
    String reference = openCase("Two replies at once");
    ProcessInstance tier2 = waitingForInformation(reference);
    CommandRace.Race race = races.arm(null, "CorrelateMessageCmd");

    List<HttpResponse<String>> answers = both(
        () -> reply(reference, "First reply: the log shows a timeout at 12:01."),
        () -> reply(reference, "Second reply: it also fails on the staging system."));

    assertThat(race.interleaved()).isTrue();
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(201, 201);
    List<Boolean> answered = new ArrayList<>();
    for (HttpResponse<String> answer : answers) {
      answered.add(json.readTree(answer.body()).get("answeredOpenQuestion").asBoolean());
    }
    assertThat(answered).containsExactlyInAnyOrder(true, false);
    assertThat(messages(reference)).isEqualTo(2);
    assertThat(deliveredMessages(reference)).isEqualTo(1);
    String delivered = jdbc.queryForObject(
        "SELECT body FROM case_message WHERE case_reference = ? AND delivered = TRUE", String.class, reference);
    assertThat(engine.getRuntimeService().getVariable(tier2.getId(), CaseMessages.CUSTOMER_REPLY)).isEqualTo(delivered);
    assertMovedOnOnceToInvestigation(tier2);
    figure("two customer replies at once: interleaved=%s, answers %s, answeredOpenQuestion %s; stored 2, delivered 1,"
        + " step left once", race.interleaved(), statuses(answers), answered);
  }

  @Test
  void replyWinsAgainstTheTimeOutIsDeliveredAndTheTimeOutIsRefused() throws Exception {
    String reference = openCase("Reply just before the time-out");
    ProcessInstance tier2 = waitingForInformation(reference);
    Job timeout = timeoutJob(tier2);
    CommandRace.Race race = races.arm("CorrelateMessageCmd", "CorrelateMessageCmd", "ExecuteJobsCmd");

    Future<HttpResponse<String>> answer = threads.submit(() -> reply(reference, "Here is the log you asked for."));
    Future<Throwable> timer = threads.submit(() -> executeJob(timeout.getId()));

    HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
    Throwable timerFailure = timer.get(60, TimeUnit.SECONDS);
    assertThat(race.interleaved()).isTrue();
    assertThat(race.winner()).isEqualTo("CorrelateMessageCmd");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json.readTree(response.body()).get("answeredOpenQuestion").asBoolean()).isTrue();
    assertThat(timerFailure).isInstanceOf(OptimisticLockingException.class);
    assertThat(engine.getManagementService().createJobQuery().jobId(timeout.getId()).count()).isZero();
    assertThat(jobsAt(tier2, Tier2Variables.TASK_NOTIFY_CLOSED_WITHOUT_REPLY)).isZero();
    assertThat(deliveredMessages(reference)).isEqualTo(1);
    assertMovedOnOnceToInvestigation(tier2);
    figure("reply wins against the time-out: interleaved=%s, reply %d delivered, timer job refused (%s),"
        + " time-out path not taken", race.interleaved(), response.statusCode(), timerFailure.getClass().getSimpleName());
  }

  @Test
  void timeOutWinsAgainstTheReplyTheReplyIsKeptWithTheCaseAndTheTimeOutPathIsTaken() throws Exception {
    String reference = openCase("Reply just after the time-out");
    ProcessInstance tier2 = waitingForInformation(reference);
    Job timeout = timeoutJob(tier2);
    CommandRace.Race race = races.arm("ExecuteJobsCmd", "CorrelateMessageCmd", "ExecuteJobsCmd");

    Future<Throwable> timer = threads.submit(() -> executeJob(timeout.getId()));
    Future<HttpResponse<String>> answer = threads.submit(() -> reply(reference, "Sorry, here is the log at last."));

    HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
    Throwable timerFailure = timer.get(60, TimeUnit.SECONDS);
    assertThat(race.interleaved()).isTrue();
    assertThat(race.winner()).isEqualTo("ExecuteJobsCmd");
    assertThat(timerFailure).isNull();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json.readTree(response.body()).get("answeredOpenQuestion").asBoolean()).isFalse();
    assertThat(messages(reference)).isEqualTo(1);
    assertThat(deliveredMessages(reference)).isZero();
    assertThat(jobsAt(tier2, Tier2Variables.TASK_NOTIFY_CLOSED_WITHOUT_REPLY)).isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(tier2.getId(), CaseMessages.CUSTOMER_REPLY)).isNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(tier2.getId()).count()).isZero();
    figure("time-out wins against the reply: interleaved=%s, reply %d stored with the case (not delivered),"
        + " time-out path taken", race.interleaved(), response.statusCode());
  }

  // ------------------------------------------------------------------ helpers

  Task probeTask() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(PROBE);
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  static String agent(String user) {
    return Http.basic(user, TestUsers.PASSWORD);
  }

  /** Both calls at once, each on its own thread; their answers in call order. */
  <T> List<T> both(Callable<T> first, Callable<T> second) throws Exception {
    Future<T> a = threads.submit(first);
    Future<T> b = threads.submit(second);
    return List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
  }

  void assertConflictInWords(HttpResponse<String> response, String words) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
    assertThat(body.get("message").asText()).contains(words).contains("Reload");
    assertThat(response.body()).doesNotContain("ENGINE-").doesNotContain("Exception");
  }

  String openCase(String summary) throws Exception {
    HttpResponse<String> response = http.postJson("/api/cases", agent(CUSTOMER),
        json.writeValueAsString(Map.of("summary", summary, "description", "Details of: " + summary)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("reference").asText();
  }

  /** The case's Tier 2 investigation, started at the step that waits for the customer's information. */
  ProcessInstance waitingForInformation(String reference) {
    String caseInstance = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CaseVariables.PROCESS_ID).processInstanceBusinessKey(reference).singleResult().getId();
    ProcessInstance tier2 = engine.getRuntimeService().createProcessInstanceByKey(Tier2Contract.PROCESS_ID)
        .businessKey(reference).setVariables(engine.getRuntimeService().getVariables(caseInstance))
        .startBeforeActivity(Tier2Variables.TASK_AWAIT_CUSTOMER_INFORMATION).execute();
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(tier2.getId())
        .eventName(CaseMessages.CUSTOMER_INFORMATION_RECEIVED).count()).isEqualTo(1);
    return tier2;
  }

  Job timeoutJob(ProcessInstance tier2) {
    return engine.getManagementService().createJobQuery().processInstanceId(tier2.getId())
        .activityId(Tier2Variables.BOUNDARY_INFORMATION_TIMEOUT).singleResult();
  }

  /** Executes the job as the job executor would; the failure it ended with, or null. */
  Throwable executeJob(String jobId) {
    try {
      engine.getManagementService().executeJob(jobId);
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  long jobsAt(ProcessInstance instance, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).count();
  }

  HttpResponse<String> reply(String reference, String text) throws Exception {
    return http.postJson("/api/cases/" + reference + "/messages", agent(CUSTOMER),
        json.writeValueAsString(Map.of("text", text)));
  }

  int messages(String reference) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM case_message WHERE case_reference = ?", Integer.class, reference);
  }

  int deliveredMessages(String reference) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM case_message WHERE case_reference = ? AND delivered = TRUE",
        Integer.class, reference);
  }

  void assertMovedOnOnceToInvestigation(ProcessInstance tier2) {
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(tier2.getId())
        .activityId(Tier2Variables.TASK_AWAIT_CUSTOMER_INFORMATION).finished().count()).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(tier2.getId())
        .taskDefinitionKey(Tier2Variables.TASK_INVESTIGATE_AT_TIER2).count()).isEqualTo(1);
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(tier2.getId()).count())
        .isZero();
  }

  static List<Integer> statuses(List<HttpResponse<String>> answers) {
    return answers.stream().map(HttpResponse::statusCode).sorted().toList();
  }

  static void figure(String format, Object... args) {
    FIGURES.add(String.format(format, args));
  }
}
