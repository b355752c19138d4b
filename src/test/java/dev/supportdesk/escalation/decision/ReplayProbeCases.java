package dev.supportdesk.escalation.decision;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Cases with known inputs whose priority the deployed processes/CasePriority.dmn decided, through a test-only
 * process that calls it the way SupportCaseProcess's "Determine priority" does. Case {@code i} has impact
 * {@code IMPACTS[i % 4]}, urgency {@code URGENCIES[(i / 4) % 4]}, is a feature request when {@code i % 10 == 9},
 * of product Ledger when {@code i % 3 == 0} (else Payroll) and of org-acme when {@code i % 2 == 0} (else
 * org-globex). {@link #IN_PERIOD} cases are decided in the third quarter of 2026, one a minute from
 * {@link #START}; {@link #AFTER_PERIOD} more in October.
 */
final class ReplayProbeCases {

  static final String PROCESS = "DecisionReplayProbe";
  static final String DECISION = "CasePriority";
  static final String OWNER = "pia.owner";
  static final String AUDITOR = "aldo.auditor";
  static final String AGENT = "tom.tier1";
  static final String CUSTOMER = "cora.customer";
  /** A Tier 1 agent whom an administrator let into Cockpit. */
  static final String AGENT_IN_COCKPIT = "tim.tier1";
  static final int IN_PERIOD = 320;
  static final int AFTER_PERIOD = 20;
  static final Instant START = Instant.parse("2026-07-01T08:00:00Z");
  static final Instant OCTOBER = Instant.parse("2026-10-05T08:00:00Z");
  static final String FROM = "2026-07-01";
  static final String TO = "2026-09-30";
  static final String[] IMPACTS = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
  static final String[] URGENCIES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};

  private ReplayProbeCases() {}

  record Probe(String reference, String caseType, String impact, String urgency, String product,
      String organisation) {}

  static Probe probe(int i) {
    return new Probe(reference(i), i % 10 == 9 ? "FEATURE_REQUEST" : "PROBLEM", IMPACTS[i % 4],
        URGENCIES[(i / 4) % 4], i % 3 == 0 ? "Ledger" : "Payroll", i % 2 == 0 ? "org-acme" : "org-globex");
  }

  static String reference(int i) {
    return String.format("WHATIF-%04d", i);
  }

  static List<Probe> inPeriod() {
    List<Probe> probes = new ArrayList<>();
    for (int i = 0; i < IN_PERIOD; i++) {
      probes.add(probe(i));
    }
    return probes;
  }

  static void users(ProcessEngine engine) {
    TestUsers.ensure(engine.getIdentityService(), OWNER, Groups.PROCESS_OWNERS);
    TestUsers.ensure(engine.getIdentityService(), AUDITOR, Groups.AUDITORS);
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER1);
    TestUsers.ensure(engine.getIdentityService(), CUSTOMER, Groups.CUSTOMERS);
    TestUsers.ensure(engine.getIdentityService(), AGENT_IN_COCKPIT, Groups.TIER1);
    AuthorizationService authorizations = engine.getAuthorizationService();
    if (authorizations.createAuthorizationQuery().userIdIn(AGENT_IN_COCKPIT).resourceType(Resources.APPLICATION)
        .count() == 0) {
      Authorization cockpit = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      cockpit.setUserId(AGENT_IN_COCKPIT);
      cockpit.setResource(Resources.APPLICATION);
      cockpit.setResourceId("cockpit");
      cockpit.addPermission(Permissions.ACCESS);
      authorizations.saveAuthorization(cockpit);
    }
  }

  /** Deploys the probe process and decides every case's priority at its fixed time, in one transaction. */
  static void create(ProcessEngine engine) {
    BpmnModelInstance probe = Bpmn.createExecutableProcess(PROCESS).name("Decision replay probe")
        .camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_ProbeStarted")
        .businessRuleTask("Task_DeterminePriority").name("Determine priority").camundaDecisionRef(DECISION)
        .camundaResultVariable(CaseVariables.PRIORITY).camundaMapDecisionResult("singleEntry")
        .endEvent("EndEvent_ProbeEnded")
        .done();
    engine.getRepositoryService().createDeployment().name("decision-replay-probe")
        .addModelInstance(PROCESS + ".bpmn", probe).deploy();
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(commandContext -> {
          try {
            for (int i = 0; i < IN_PERIOD + AFTER_PERIOD; i++) {
              Instant at = i < IN_PERIOD ? START.plusSeconds(60L * i) : OCTOBER.plusSeconds(60L * i);
              ClockUtil.setCurrentTime(Date.from(at));
              Probe p = probe(i);
              engine.getRuntimeService().startProcessInstanceByKey(PROCESS, p.reference(), Map.of(
                  CaseVariables.CASE_TYPE, p.caseType(), CaseVariables.IMPACT, p.impact(),
                  CaseVariables.URGENCY, p.urgency(), CaseVariables.PRODUCT, p.product(),
                  CaseVariables.ORGANISATION_ID, p.organisation()));
            }
          } finally {
            ClockUtil.reset();
          }
          return null;
        });
  }

  static String casePriorityDmn() {
    try {
      return Files.readString(Path.of("processes/CasePriority.dmn"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The edit of the test: HIGH impact with LOW urgency becomes P1 (business impacted) instead of P2. */
  static String highLowBecomesP1() {
    String dmn = casePriorityDmn();
    String before = "<outputEntry id=\"LiteralExpression_HighImpactLowUrgency_Priority\"><text>\"P2\"</text>";
    if (!dmn.contains(before)) {
      throw new IllegalStateException("CasePriority.dmn changed: the test's edit no longer applies");
    }
    return dmn.replace(before, before.replace("\"P2\"", "\"P1\""));
  }

  /** An edit that reads an input no recorded decision has: the customer's region, empty in every rule. */
  static String withRegionInput() {
    String dmn = casePriorityDmn().replace("<output id=\"Output_Priority\"",
        "<input id=\"Input_Region\" label=\"Region\">\n"
            + "        <inputExpression id=\"InputExpression_Region\" typeRef=\"string\"><text>region</text></inputExpression>\n"
            + "      </input>\n      <output id=\"Output_Priority\"");
    Matcher urgencyEntries = Pattern.compile("(<inputEntry id=\"UnaryTests_(\\w+)_Urgency\"><text>[^<]*</text></inputEntry>)")
        .matcher(dmn);
    return urgencyEntries.replaceAll(match -> Matcher.quoteReplacement(match.group(1)
        + "\n        <inputEntry id=\"UnaryTests_" + match.group(2) + "_Region\"><text></text></inputEntry>"));
  }

  /** Cases the first edit moves from P2 to P1: problems (not feature requests) of HIGH impact, LOW urgency. */
  static boolean movedByHighLowEdit(Probe p) {
    return p.caseType().equals("PROBLEM") && p.impact().equals("HIGH") && p.urgency().equals("LOW");
  }
}
