package dev.supportdesk.escalation.audit;

import java.time.Instant;

/** One case in a search result: its process instance and the case data auditors filter by. */
public record CaseRow(String reference, String processInstanceId, String processDefinitionKey,
    Integer processDefinitionVersion, String state, Instant startTime, Instant endTime, Long durationMillis,
    String organisationId, String priority, String severity, String caseStatus, String summary,
    String slaOutcome) {}
