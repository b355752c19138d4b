package dev.supportdesk.escalation.audit;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.support.TestUsers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cases of the test-only AuditProbeProcess (src/test/resources/audit) with one of everything an
 * auditor looks at: a decision, a called process, a claimed and completed user task, a comment, a
 * variable changed by a user, an incident raised and resolved, a notification, a status change and a
 * customer message.
 */
final class AuditProbeCases {

  static final String PROCESS = "AuditProbeProcess";
  static final String AGENT = "tina.tier1";
  static final String AUDITOR = "aude.auditor";
  /** Changes a case outside the normal flow, as an administrator in Cockpit would. */
  static final String OPERATOR = "olga.operator";
  static final String CLOSED = "CASE-2026-AUDIT1";
  static final String RUNNING = "CASE-2026-AUDIT2";
  static final String COMMENT = "Customer confirmed the workaround on the phone";
  static final String INCIDENT_MESSAGE = "Mail server unreachable";
  static final String NOTIFICATION_SUBJECT = "Your case CASE-2026-AUDIT1 is closed";
  static final String CUSTOMER_MESSAGE = "Thanks, that fixed it";

  private AuditProbeCases() {}

  static void deployAndCreateUsers(ProcessEngine engine) {
    TestUsers.ensure(engine.getIdentityService(), AGENT, Groups.TIER1);
    TestUsers.ensure(engine.getIdentityService(), AUDITOR, Groups.AUDITORS);
    TestUsers.ensure(engine.getIdentityService(), OPERATOR, Groups.CAMUNDA_ADMIN);
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
      engine.getRepositoryService().createDeployment().name("audit-probe")
          .addClasspathResource("audit/AuditProbeProcess.bpmn")
          .addClasspathResource("audit/AuditProbeSubProcess.bpmn")
          .addClasspathResource("audit/AuditProbeSeverity.dmn")
          .deploy();
    }
  }

  static ProcessInstance start(ProcessEngine engine, String reference, String impact, String organisation,
      String priority) {
    return engine.getRuntimeService().startProcessInstanceByKey(PROCESS, reference, Map.of(
        CaseVariables.IMPACT, impact, CaseVariables.ORGANISATION_ID, organisation,
        CaseVariables.PRIORITY, priority, CaseVariables.SUMMARY, "Export to PDF fails for " + reference));
  }

  /** A case closed right at its start: cheap enough to create a thousand. */
  static void finished(ProcessEngine engine, String reference, String organisation, String priority, String severity) {
    engine.getRuntimeService().createProcessInstanceByKey(PROCESS).businessKey(reference)
        .setVariables(Map.of(CaseVariables.ORGANISATION_ID, organisation, CaseVariables.PRIORITY, priority,
            CaseVariables.SEVERITY, severity))
        .startBeforeActivity("EndEvent_CaseClosed").execute();
  }

  /** The closed case: everything happens once, done by the agent as a logged-in user would. */
  static ProcessInstance closedCase(ProcessEngine engine, JdbcTemplate jdbc) {
    ProcessInstance instance = start(engine, CLOSED, "HIGH", "org-acme", "P2");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    Incident incident = engine.getRuntimeService().createIncident("mailDelivery", task.getExecutionId(),
        "smtp", INCIDENT_MESSAGE);
    engine.getIdentityService().setAuthentication(OPERATOR, List.of(Groups.CAMUNDA_ADMIN));
    try {
      engine.getRuntimeService().setVariable(instance.getId(), CaseVariables.PRIORITY, "P1");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    engine.getRuntimeService().resolveIncident(incident.getId());
    engine.getIdentityService().setAuthentication(AGENT, List.of(Groups.TIER1));
    try {
      engine.getTaskService().claim(task.getId(), AGENT);
      engine.getTaskService().createComment(task.getId(), instance.getId(), COMMENT);
      engine.getTaskService().complete(task.getId());
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("INSERT INTO notification_outbox (id, case_reference, kind, dedup_key, recipient, subject, body,"
            + " status, attempts, created_at, sent_at) VALUES (?, ?, 'CASE_CLOSED', ?, 'jo@acme.example', ?, 'Closed.',"
            + " 'SENT', 1, ?, ?)",
        UUID.randomUUID().toString(), CLOSED, "audit-probe-" + UUID.randomUUID(), NOTIFICATION_SUBJECT, now, now);
    jdbc.update("INSERT INTO case_status_history (id, case_reference, status, process_key, activity_id, entered_at)"
        + " VALUES (?, ?, 'CLOSED', ?, 'EndEvent_CaseClosed', ?)", UUID.randomUUID().toString(), CLOSED, PROCESS, now);
    // the customer API's table; created here when this branch runs without it
    jdbc.execute("CREATE TABLE IF NOT EXISTS case_message (id VARCHAR(64) NOT NULL PRIMARY KEY,"
        + " case_reference VARCHAR(64) NOT NULL, author_id VARCHAR(255) NOT NULL, kind VARCHAR(32) NOT NULL,"
        + " body TEXT NOT NULL, delivered BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)");
    jdbc.update("INSERT INTO case_message (id, case_reference, author_id, kind, body, delivered, created_at)"
        + " VALUES (?, ?, 'jo.customer', 'RESOLUTION_RESPONSE', ?, TRUE, ?)",
        UUID.randomUUID().toString(), CLOSED, CUSTOMER_MESSAGE, now);
    return instance;
  }
}
