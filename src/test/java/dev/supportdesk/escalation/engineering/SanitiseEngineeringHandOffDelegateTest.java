package dev.supportdesk.escalation.engineering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SanitiseEngineeringHandOffDelegateTest {

  @Test
  void writesTheSanitisedHandOffFromTheCaseAndTier2Variables() {
    Map<String, Object> caseVariables = Map.of(
        CaseVariables.SUMMARY, "Export fails at Acme Widgets",
        CaseVariables.DESCRIPTION, "Hi, Jane Doe here, call me on +44 20 7946 0958.",
        CaseVariables.ERROR_MESSAGES, "SocketTimeoutException",
        CaseVariables.CUSTOMER_NAME, "Jane Doe",
        CaseVariables.CUSTOMER_EMAIL, "jane@acme.example",
        CaseVariables.CUSTOMER_ID, "cust-4711",
        CaseVariables.ORGANISATION_NAME, "Acme Widgets",
        CaseVariables.ORGANISATION_ID, "org-acme",
        Tier2Contract.ROOT_CAUSE, "Missing index; confirmed with jane@acme.example");
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable(anyString())).thenAnswer(call -> caseVariables.get(call.<String>getArgument(0)));

    new SanitiseEngineeringHandOffDelegate(new HandOffSanitiser()).execute(execution);

    verify(execution).setVariable(EngineeringContract.ENGINEERING_SUMMARY, "Export fails at [organisation]");
    ArgumentCaptor<Object> description = ArgumentCaptor.forClass(Object.class);
    verify(execution).setVariable(org.mockito.ArgumentMatchers.eq(EngineeringContract.ENGINEERING_DESCRIPTION),
        description.capture());
    assertThat((String) description.getValue())
        .contains("Hi, [customer] here, call me on [phone removed].")
        .contains("## Error messages\n\nSocketTimeoutException")
        .contains("## Root cause\n\nMissing index; confirmed with [e-mail removed]")
        .doesNotContain("Jane", "Acme", "7946", "jane@");
  }
}
