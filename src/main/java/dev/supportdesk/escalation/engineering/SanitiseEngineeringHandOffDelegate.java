package dev.supportdesk.escalation.engineering;

import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.CaseText;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.HandOff;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.Reporter;
import dev.supportdesk.escalation.tier2.Tier2Contract;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Sanitise engineering hand-off" (in the case, before it calls {@value EngineeringContract#PROCESS_ID}):
 * writes {@value EngineeringContract#ENGINEERING_SUMMARY} and {@value EngineeringContract#ENGINEERING_DESCRIPTION}
 * from the case's text without the reporter's personal data. Attachments are never read.
 */
@Component("sanitiseEngineeringHandOff")
public class SanitiseEngineeringHandOffDelegate implements JavaDelegate {

  private final HandOffSanitiser sanitiser;

  public SanitiseEngineeringHandOffDelegate(HandOffSanitiser sanitiser) {
    this.sanitiser = sanitiser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseText text = new CaseText(
        text(execution, CaseVariables.SUMMARY),
        text(execution, CaseVariables.DESCRIPTION),
        text(execution, CaseVariables.STEPS_TO_REPRODUCE),
        text(execution, CaseVariables.ERROR_MESSAGES),
        text(execution, CaseVariables.ENVIRONMENT),
        text(execution, CaseVariables.RECENT_CHANGES),
        text(execution, Tier2Contract.TIER2_FINDINGS),
        text(execution, Tier2Contract.ROOT_CAUSE),
        text(execution, Tier2Contract.WORKAROUND));
    Reporter reporter = new Reporter(
        text(execution, CaseVariables.CUSTOMER_NAME),
        text(execution, CaseVariables.CUSTOMER_EMAIL),
        text(execution, CaseVariables.CUSTOMER_ID),
        text(execution, CaseVariables.ORGANISATION_NAME),
        text(execution, CaseVariables.ORGANISATION_ID));
    HandOff handOff = sanitiser.handOff(text, reporter);
    execution.setVariable(EngineeringContract.ENGINEERING_SUMMARY, handOff.summary());
    execution.setVariable(EngineeringContract.ENGINEERING_DESCRIPTION, handOff.description());
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
