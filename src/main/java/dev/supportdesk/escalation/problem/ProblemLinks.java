package dev.supportdesk.escalation.problem;

import dev.supportdesk.escalation.casefile.CaseStatus;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.casefile.CaseVariables;
import dev.supportdesk.escalation.casefile.InvalidTaskInputException;
import dev.supportdesk.escalation.casefile.TaskInput;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch;
import dev.supportdesk.escalation.notification.NotificationKind;
import dev.supportdesk.escalation.notification.PublicReply;
import dev.supportdesk.escalation.problem.ProblemTickets.Link;
import dev.supportdesk.escalation.problem.ProblemTickets.Ticket;
import dev.supportdesk.escalation.problem.ProblemVariables.Settlement;
import dev.supportdesk.escalation.tier1.Tier1Variables;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * One problem, many cases ({@code ${problemLinks...}} in the diagrams). The engineering run of one case (the
 * ticket's lead case) does the work; other cases with the same defect are linked to its ticket at Tier 1 and
 * wait on it:
 * <ul>
 *   <li>{@link #opened} records the ticket when engineering opens it; {@link #suggest} offers the open tickets
 *       that match a new case in "Analyse case at Tier 1";</li>
 *   <li>{@link #link} links the case when the agent chose that outcome; {@link #settledAs} lets a case linked
 *       to a ticket that settled meanwhile go on at once; {@link #unlink} ends a link from "Follow linked
 *       engineering ticket";</li>
 *   <li>{@link #tellLinkedCases} gives every linked case's customer each ticket status and the release, each
 *       through its own "Linked case notice" process (own job, retries, incident);</li>
 *   <li>{@link #settle} lets the linked cases go on when the lead case does: hotfix released, or solved and
 *       planned for a release; {@link #closed} stops offering the ticket once its engineering run ended.</li>
 * </ul>
 * Linking happens only through the Tier 1 task (the engine's task authorizations decide who may) and is kept
 * with who linked and unlinked and why ({@link ProblemTickets#history}).
 */
@Component("problemLinks")
public class ProblemLinks {

  public static final int SUGGESTED = 5;
  static final Pattern TICKET_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,30}-[1-9][0-9]{0,9}");
  private static final String STATUS_PREFIX = "ENGINEERING_";
  private static final List<String> CUSTOMER_VARIABLES = List.of(CaseVariables.SUMMARY, CaseVariables.CUSTOMER_EMAIL,
      CaseVariables.CUSTOMER_ID, CaseVariables.ORGANISATION_ID, CaseVariables.PRODUCT);

  private final ProblemTickets tickets;
  private final CaseStatusTracker caseStatus;
  private final KnowledgeSearch search;

  public ProblemLinks(ProblemTickets tickets, CaseStatusTracker caseStatus, KnowledgeSearch search) {
    this.tickets = tickets;
    this.caseStatus = caseStatus;
    this.search = search;
  }

  // --- the lead case's engineering run --------------------------------------------------------------

  /** End listener of "Open engineering ticket": the ticket can be linked to from now on. */
  public void opened(DelegateExecution execution) {
    String key = text(execution.getVariable(EngineeringContract.TICKET_KEY));
    if (key == null) {
      throw new IllegalStateException("Open engineering ticket ended without a ticket key");
    }
    String summary = Objects.requireNonNullElse(text(execution.getVariable(EngineeringContract.ENGINEERING_SUMMARY)),
        key);
    tickets.opened(key, execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
        text(execution.getVariable(CaseVariables.PRODUCT)), shorten(summary, 500), "SPECIFYING");
  }

  /**
   * After the lead case's customer was told {@code kind}: a ticket status moves the ticket, and every linked
   * case not yet told gets its own notice. A case still waiting on the ticket shows the status too.
   */
  public void tellLinkedCases(DelegateExecution execution, NotificationKind kind) {
    String key = text(execution.getVariable(EngineeringContract.TICKET_KEY));
    if (key == null || !(kind.isTicketStatus() || kind == NotificationKind.FIX_RELEASED)) {
      return;
    }
    Ticket ticket = tickets.lock(key).orElse(null);
    if (ticket == null) {
      return;
    }
    if (kind.isTicketStatus()) {
      tickets.status(key, kind.name().substring(STATUS_PREFIX.length()));
    }
    for (Link link : tickets.activeLinks(key)) {
      tell(execution.getProcessEngineServices(), ticket, link.caseReference(), kind, execution::getVariable,
          execution.getProcessDefinitionId().split(":")[0], execution.getCurrentActivityId());
    }
  }

  /**
   * End listener of "Notify customer: linked to a known issue": the linked case's customer hears the ticket's
   * status now, right after the mail that explains the link, unless a status notice reached the case already.
   */
  public void tellCurrentStatus(DelegateExecution execution) {
    String key = text(execution.getVariable(ProblemVariables.LINKED_TICKET));
    Ticket ticket = key == null ? null : tickets.lock(key).orElse(null);
    if (ticket == null || tickets.activeLink(execution.getProcessBusinessKey()).filter(link -> link.ticketKey().equals(key)).isEmpty()) {
      return;
    }
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Map<String, Object> lead = runtime.createProcessInstanceQuery().processInstanceId(ticket.engineeringProcessInstanceId())
        .count() > 0 ? runtime.getVariables(ticket.engineeringProcessInstanceId()) : Map.of();
    tell(execution.getProcessEngineServices(), ticket, execution.getProcessBusinessKey(),
        NotificationKind.valueOf(STATUS_PREFIX + ticket.status()), lead::get, CaseVariables.PROCESS_ID,
        execution.getCurrentActivityId());
  }

  /** One linked case hears {@code kind}, once: its own notice process, and its status while it waits. */
  private void tell(ProcessEngineServices engine, Ticket ticket, String reference, NotificationKind kind,
      java.util.function.Function<String, Object> lead, String processKey, String activityId) {
    if (!tickets.notice(ticket.key(), reference, kind.name())) {
      return;
    }
    Map<String, Object> variables = new HashMap<>(caseVariables(engine, reference));
    for (String name : PublicReply.variablesOf(kind)) {
      Object value = lead.apply(name);
      if (value != null) {
        variables.put(name, value);
      }
    }
    variables.put(ProblemVariables.NOTICE_KIND, kind.name());
    variables.put(ProblemVariables.LINKED_TICKET, ticket.key());
    engine.getRuntimeService().createProcessInstanceByKey(ProblemVariables.NOTICE_PROCESS_ID)
        .businessKey(reference).setVariables(variables).execute();
    if (kind.isTicketStatus() && ticket.settledAs() == null) {
      ProcessInstance waiting = caseProcess(engine.getRuntimeService(), reference);
      if (waiting != null) {
        caseStatus.enter(engine.getRuntimeService(), waiting.getId(), reference, CaseStatus.valueOf(kind.name()),
            processKey, activityId);
      }
    }
  }

  /**
   * Listener where the lead case leaves engineering (hotfix released; solved and planned for a release): the
   * linked cases waiting on the ticket go on the same way, with what the lead case's customer reads.
   */
  public void settle(DelegateExecution execution, String outcome) {
    Settlement settlement = Settlement.valueOf(outcome);
    String key = text(execution.getVariable(EngineeringContract.TICKET_KEY));
    if (key == null || tickets.lock(key).isEmpty()) {
      return;
    }
    tickets.settled(key, settlement.name());
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Map<String, Object> variables = settlementVariables(execution.getVariables(), settlement);
    for (Link link : tickets.activeLinks(key)) {
      runtime.createMessageCorrelation(ProblemVariables.MESSAGE_LINKED_TICKET_SETTLED)
          .processInstanceBusinessKey(link.caseReference()).setVariables(variables).correlateAllWithResult();
    }
  }

  /** End listener of the lead case's engineering run: the ticket is no longer offered for linking. */
  public void closed(DelegateExecution execution) {
    String key = text(execution.getVariable(EngineeringContract.TICKET_KEY));
    if (key != null) {
      tickets.closed(key);
    }
  }

  // --- Tier 1 of a case with the same problem -----------------------------------------------------

  /** Create listener of "Analyse case at Tier 1": the open tickets that best match the case, for the form. */
  public void suggest(DelegateTask task) {
    List<Ticket> matches = matching(Stream.of(CaseVariables.SUMMARY, CaseVariables.DESCRIPTION,
            CaseVariables.ERROR_MESSAGES).map(task::getVariable).filter(Objects::nonNull).map(Object::toString)
        .collect(Collectors.joining("\n")), text(task.getVariable(CaseVariables.PRODUCT)), task.getExecution().getProcessBusinessKey());
    task.setVariableLocal(ProblemVariables.TICKET_SUGGESTIONS, matches.isEmpty()
        ? "No open engineering ticket matches this case."
        : matches.stream().map(ProblemLinks::line).collect(Collectors.joining("\n")));
  }

  /**
   * The open tickets sharing at least one word with the case, most shared words first (a ticket of the case's
   * product ahead at equal count), at most {@value #SUGGESTED}; never the case's own ticket.
   */
  List<Ticket> matching(String caseText, String product, String caseReference) {
    Set<String> words = Set.copyOf(search.terms(caseText));
    if (words.isEmpty()) {
      return List.of();
    }
    record Scored(Ticket ticket, long shared, boolean sameProduct) {}
    return tickets.open(500).stream()
        .filter(ticket -> !ticket.caseReference().equals(caseReference))
        .map(ticket -> new Scored(ticket, search.terms(ticket.summary()).stream().filter(words::contains).count(),
            product != null && product.equalsIgnoreCase(ticket.product())))
        .filter(scored -> scored.shared() > 0)
        .sorted(Comparator.comparingLong(Scored::shared).reversed()
            .thenComparing(Scored::sameProduct, Comparator.reverseOrder()))
        .limit(SUGGESTED).map(Scored::ticket).toList();
  }

  static String line(Ticket ticket) {
    return ticket.key() + " · " + statusLabel(ticket.status())
        + (ticket.settledAs() == null ? "" : " · planned for release") + " · " + ticket.summary()
        + (ticket.product() == null ? "" : " · " + ticket.product());
  }

  /**
   * Complete listener of "Analyse case at Tier 1" (after the form's checks): with the outcome "Link to a known
   * engineering ticket" the case is linked to the named open ticket, by the agent who completes the task.
   */
  public void link(DelegateTask task) {
    if (!Tier1Variables.Outcome.LINK_TO_TICKET.name().equals(task.getVariable(Tier1Variables.TIER1_OUTCOME))) {
      return;
    }
    String named = text(task.getVariable(ProblemVariables.LINKED_TICKET));
    String key = named == null ? "" : named.strip().toUpperCase(Locale.ROOT);
    String reference = task.getExecution().getProcessBusinessKey();
    Ticket ticket = TICKET_KEY.matcher(key).matches() ? tickets.lock(key).orElse(null) : null;
    String problem = ticket == null ? "no engineering ticket " + key + " is known"
        : !ticket.isOpen() ? ticket.key() + " was released and is closed: escalate the case if the problem persists"
        : ticket.caseReference().equals(reference) ? ticket.key() + " is this case's own ticket"
        : null;
    if (problem != null) {
      throw new InvalidTaskInputException(task.getName(), List.of("Engineering ticket: " + problem));
    }
    String agent = TaskInput.actor(task);
    tickets.unlink(reference, agent, "Linked to " + ticket.key() + " at Tier 1");
    tickets.link(ticket.key(), reference, agent);
    caseStatus.enter(task.getExecution(), STATUS_PREFIX + ticket.status());
    task.setVariable(ProblemVariables.LINKED_TICKET, ticket.key());
    task.setVariable(ProblemVariables.LINKED_TICKET_STATUS, statusLabel(ticket.status()));
    task.setVariable(ProblemVariables.LINKED_TICKET_OUTCOME, null);
  }

  /**
   * Gateway of a linked case once its customer was told of the link: how the ticket settled if it already did
   * (planned for a release, or a hotfix released since the link), else "": the case waits. Takes the ticket's
   * lock, so a settlement that commits meanwhile is seen here or finds the case waiting for it.
   */
  public String settledAs(DelegateExecution execution) {
    String key = text(execution.getVariable(ProblemVariables.LINKED_TICKET));
    Ticket ticket = key == null ? null : tickets.lock(key).orElse(null);
    if (ticket == null || ticket.settledAs() == null) {
      return "";
    }
    Settlement settlement = Settlement.valueOf(ticket.settledAs());
    Map<String, Object> lead = Map.of();
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    if (runtime.createProcessInstanceQuery().processInstanceId(ticket.engineeringProcessInstanceId()).count() > 0) {
      lead = runtime.getVariables(ticket.engineeringProcessInstanceId());
    }
    execution.setVariables(settlementVariables(lead, settlement));
    return settlement.name();
  }

  /** Complete listener of "Follow linked engineering ticket": the case stops waiting, with the agent's reason. */
  public void unlink(DelegateTask task) {
    TaskInput input = TaskInput.of(task.getName(), task::getVariable)
        .requireText(ProblemVariables.UNLINK_REASON, "Why the case no longer waits on the ticket", 3, 2000);
    input.throwIfInvalid();
    tickets.unlink(task.getExecution().getProcessBusinessKey(), TaskInput.actor(task),
        text(task.getVariable(ProblemVariables.UNLINK_REASON)).strip());
    task.setVariable(ProblemVariables.LINKED_TICKET_OUTCOME, null);
  }

  // --- helpers ------------------------------------------------------------------------------------

  private static Map<String, Object> settlementVariables(Map<String, Object> lead, Settlement settlement) {
    Map<String, Object> variables = new HashMap<>();
    Set<String> names = new LinkedHashSet<>(PublicReply.variablesOf(NotificationKind.SOLVED_PLANNED_FOR_RELEASE));
    names.addAll(PublicReply.variablesOf(NotificationKind.FIX_RELEASED));
    for (String name : names) {
      if (lead.get(name) != null) {
        variables.put(name, lead.get(name));
      }
    }
    variables.put(ProblemVariables.LINKED_TICKET_OUTCOME, settlement.name());
    return variables;
  }

  /** The linked case's recipient and summary: from its process, or from its history once it ended. */
  private static Map<String, Object> caseVariables(ProcessEngineServices engine, String reference) {
    ProcessInstance running = caseProcess(engine.getRuntimeService(), reference);
    if (running != null) {
      return engine.getRuntimeService().getVariables(running.getId(), CUSTOMER_VARIABLES);
    }
    HistoryService history = engine.getHistoryService();
    HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(CaseVariables.PROCESS_ID).orderByProcessInstanceStartTime().desc().listPage(0, 1)
        .stream().findFirst().orElse(null);
    Map<String, Object> variables = new HashMap<>();
    if (ended != null) {
      for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
          .processInstanceId(ended.getId()).variableNameIn(CUSTOMER_VARIABLES.toArray(String[]::new)).list()) {
        if (ended.getId().equals(variable.getExecutionId())) {
          variables.put(variable.getName(), variable.getValue());
        }
      }
    }
    return variables;
  }

  private static ProcessInstance caseProcess(RuntimeService runtime, String reference) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(CaseVariables.PROCESS_ID).listPage(0, 1).stream().findFirst().orElse(null);
  }

  static String statusLabel(String status) {
    return switch (status) {
      case "SPECIFYING" -> "Specifying";
      case "READY" -> "Ready";
      case "IN_PROGRESS" -> "In progress";
      case "DONE" -> "Done";
      default -> status;
    };
  }

  private static String shorten(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
