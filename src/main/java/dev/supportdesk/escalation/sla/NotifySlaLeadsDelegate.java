package dev.supportdesk.escalation.sla;

import dev.supportdesk.escalation.notification.StaffMail;
import dev.supportdesk.escalation.casefile.CaseVariables;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * "E-mail the leads" of the SLA clock ({@code ${notifySlaLeads}}): a warning or a breach is a task in the
 * leads' queue and, because a lead is not always looking at Tasklist, also a mail to every member of the
 * lead group of the tier now responsible. The clock throws one escalation per kind of news; the event
 * subprocess that catches them keeps the code in {@value #NEWS}. Modelled asyncBefore and
 * asyncAfter on its own branch: the leads' task never waits for the mail server, and a mail sent is not
 * sent again.
 */
@Component("notifySlaLeads")
public class NotifySlaLeadsDelegate implements JavaDelegate {

  /** Where the catching event subprocess stores the escalation code (camunda:escalationCodeVariable). */
  public static final String ESCALATION_CODE = "slaEscalationCode";
  /** The subprocess's own copy of the code, taken when it starts (the process-wide one is overwritten). */
  public static final String NEWS = "slaNews";

  /** What an escalation code of the clock says: a warning or a breach, of which target. */
  public record News(boolean breach, SlaTarget target) {

    /** "SlaWarningFirstResponse", "SlaBreachResolution", ... */
    public static News of(String code) {
      for (SlaTarget target : SlaTarget.values()) {
        for (boolean breach : new boolean[] {false, true}) {
          if (code(breach, target).equals(code)) {
            return new News(breach, target);
          }
        }
      }
      throw new IllegalArgumentException("Not an SLA escalation code: " + code);
    }

    public static String code(boolean breach, SlaTarget target) {
      StringBuilder camel = new StringBuilder(breach ? "SlaBreach" : "SlaWarning");
      for (String word : target.name().split("_")) {
        camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
      return camel.toString();
    }

    String words() {
      return target.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final StaffMail mail;
  private final SlaClock slaClock;

  public NotifySlaLeadsDelegate(StaffMail mail, SlaClock slaClock) {
    this.mail = mail;
    this.slaClock = slaClock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    News news = News.of((String) execution.getVariable(NEWS));
    String reference = execution.getProcessBusinessKey();
    String leads = slaClock.leadGroup(execution);
    Instant due = slaClock.breachDue(execution, news.target().name()).toInstant();
    Map<String, Object> theCase = caseVariables(execution, reference);
    Object summary = theCase.get(SlaVariables.SUMMARY);
    Object priority = theCase.get(SlaVariables.PRIORITY);
    String subject = "[" + reference + "] SLA " + (news.breach() ? "breached" : "warning") + ": " + news.words()
        + " (" + priority + ")";
    String body = (news.breach()
        ? "The " + news.words() + " target of case " + reference + " was breached at " + due + "."
        : "Case " + reference + " is close to its " + news.words() + " target: it breaches at " + due + ".")
        + "\n\nSummary: " + (summary == null ? "-" : summary)
        + "\nPriority: " + priority
        + "\n\nYour task \"" + (news.breach() ? "Handle SLA breach: " : "Review SLA warning: ") + news.words()
        + "\" is in the " + leads + " queue in Tasklist:\n" + mail.link("/camunda/app/tasklist/") + "\n";
    List<String> recipients = mail.addressesOf(List.of(), List.of(leads));
    mail.send(new StaffMail.Notice(key(execution), reference, subject, body), recipients);
  }

  /** Summary and priority as the case has them now (the clock process keeps neither up to date). */
  private static Map<String, Object> caseVariables(DelegateExecution execution, String reference) {
    var runtime = execution.getProcessEngineServices().getRuntimeService();
    var supportCase = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_ID)
        .processInstanceBusinessKey(reference).singleResult();
    Map<String, Object> variables = new HashMap<>();
    if (supportCase != null) {
      variables.putAll(runtime.getVariables(supportCase.getId(), List.of(SlaVariables.SUMMARY, SlaVariables.PRIORITY)));
    }
    variables.putIfAbsent(SlaVariables.SUMMARY, execution.getVariable(SlaVariables.SUMMARY));
    variables.putIfAbsent(SlaVariables.PRIORITY, execution.getVariable(SlaVariables.PRIORITY));
    return variables;
  }

  /** The step's job: its id survives retries, so a resend carries the same Message-ID. */
  private static String key(DelegateExecution execution) {
    JobEntity job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
    return job != null ? "job-" + job.getId() : execution.getActivityInstanceId();
  }
}
