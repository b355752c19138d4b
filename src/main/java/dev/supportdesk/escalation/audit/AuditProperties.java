package dev.supportdesk.escalation.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the auditors' case view ({@code support.audit.*}).
 *
 * @param processDefinitionKey the process whose instances are "cases" in the search
 * @param customerMessagesTable the table of what customers wrote, read only when it exists
 */
@ConfigurationProperties("support.audit")
public record AuditProperties(
    @DefaultValue("SupportCaseProcess") String processDefinitionKey,
    @DefaultValue("case_message") String customerMessagesTable) {}
