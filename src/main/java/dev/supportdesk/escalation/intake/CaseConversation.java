package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.casefile.CaseStatusTracker;
import dev.supportdesk.escalation.conversation.ConversationVariables;
import dev.supportdesk.escalation.conversation.ConversationVariables.MessageKind;
import dev.supportdesk.escalation.intake.CaseMessagesStore.Kind;
import dev.supportdesk.escalation.intake.CaseMessagesStore.StoredMessage;
import dev.supportdesk.escalation.intake.CustomerCases.CustomerCase;
import dev.supportdesk.escalation.sla.SlaVariables;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the customer says to support: messages are stored with the case and, when a step of the case
 * waits for {@value CaseMessages#CUSTOMER_INFORMATION_RECEIVED}, delivered to it; answers to a
 * proposed resolution go to the step waiting for {@value CaseMessages#RESOLUTION_RESPONSE}. A message or file
 * that no step waits for starts {@value CaseMessages#CUSTOMER_WROTE}: a task for the tier holding the case.
 * Correlation is by the case reference (business key), to exactly one waiting process instance.
 *
 * <p>A message races whatever else moves the waiting step: a second message sent at the same moment,
 * or the step's time-out. The engine lets one transaction win and fails the other with an
 * {@link OptimisticLockingException}; a message that lost is stored again in a fresh transaction, which
 * sees that the step has moved on and keeps the message with the case (not delivered). So a message is
 * never lost and the step moves on exactly once.
 */
@Service
public class CaseConversation {

  private static final Logger LOG = LoggerFactory.getLogger(CaseConversation.class);
  /** Attempts to store one message: each lost race means someone else moved the step on, so two suffice. */
  static final int ATTEMPTS = 3;

  private final CaseMessagesStore messages;
  private final RuntimeService runtime;
  private final CaseStatusTracker statusTracker;
  private final TransactionTemplate transaction;
  private final Clock clock;

  @Autowired
  public CaseConversation(CaseMessagesStore messages, RuntimeService runtime, CaseStatusTracker statusTracker,
      PlatformTransactionManager transactions) {
    this(messages, runtime, statusTracker, transactions, Clock.systemUTC());
  }

  CaseConversation(CaseMessagesStore messages, RuntimeService runtime, CaseStatusTracker statusTracker,
      PlatformTransactionManager transactions, Clock clock) {
    this.messages = messages;
    this.runtime = runtime;
    this.statusTracker = statusTracker;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * A case is open while one of its processes runs and the customer has not been told it is closed: a
   * case closed while engineering still ships a scheduled release takes no more messages.
   */
  public boolean isOpen(String reference) {
    // the SLA clock runs under the case's reference too, but is no part of the customer's case
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKeyNotIn(SlaVariables.PROCESS_ID).count() > 0
        && !statusTracker.isClosed(reference);
  }

  public boolean isWaitingFor(String reference, String messageName) {
    return !waiting(reference, messageName).isEmpty();
  }

  /** Stores the message and delivers it to a waiting step, each attempt in its own transaction. */
  public StoredMessage addMessage(CustomerCase c, String authorId, String text) {
    return retryingLostRaces(c.reference(), () -> storeMessage(c, authorId, text));
  }

  /**
   * Runs {@code work} (which stores something the customer sent and moves the case) in a transaction of
   * its own, again in a fresh one when it lost a race with another change of the case's waiting steps.
   */
  public <T> T retryingLostRaces(String reference, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (OptimisticLockingException lostRace) {
        if (attempt == ATTEMPTS) {
          throw lostRace;
        }
        LOG.info("Case {}: the waiting step changed while the customer's message arrived; storing it again"
            + " (attempt {})", reference, attempt + 1);
      }
    }
  }

  /**
   * What the customer sent while no step waited for it becomes work for an agent ("Customer wrote while
   * no step waited" in the support case). The variables are transient: the subprocess keeps its own
   * copy, and nothing lands in the case's scope. False for a case started before the diagram had the
   * subprocess: the message is kept with the case, as it always was.
   */
  public boolean tellAnAgent(String reference, MessageKind kind, String id, String authorId, String text) {
    boolean told = correlate(reference, CaseMessages.CUSTOMER_WROTE,
        ConversationVariables.message(kind, id, authorId, text, clock.instant()));
    if (!told) {
      LOG.info("Case {}: no step waits for the customer's {} and the case has no task for it; kept with the case",
          reference, kind.name().toLowerCase(java.util.Locale.ROOT));
    }
    return told;
  }

  private StoredMessage storeMessage(CustomerCase c, String authorId, String text) {
    if (!isOpen(c.reference())) {
      throw ApiProblem.conflict("Case " + c.reference() + " is closed: open a new case and mention this reference.");
    }
    boolean delivered = correlate(c.reference(), CaseMessages.CUSTOMER_INFORMATION_RECEIVED,
        Map.of(CaseMessages.CUSTOMER_REPLY, text));
    StoredMessage stored = new StoredMessage(UUID.randomUUID().toString(), c.reference(), authorId, Kind.MESSAGE,
        text, delivered, clock.instant());
    messages.insert(stored);
    if (!delivered) {
      tellAnAgent(c.reference(), MessageKind.MESSAGE, stored.id(), authorId, text);
    }
    return stored;
  }

  @Transactional
  public StoredMessage confirm(CustomerCase c, String authorId, boolean accepted, String reason) {
    if (!isWaitingFor(c.reference(), CaseMessages.RESOLUTION_RESPONSE)) {
      throw ApiProblem.conflict("Case " + c.reference() + " is not waiting for your confirmation of a resolution.");
    }
    String objection = accepted ? null : reason.strip();
    Map<String, Object> variables = new HashMap<>();
    variables.put(CaseMessages.RESOLUTION_ACCEPTED, accepted);
    variables.put(CaseMessages.OBJECTION_REASON, objection);
    correlate(c.reference(), CaseMessages.RESOLUTION_RESPONSE, variables);
    StoredMessage stored = new StoredMessage(UUID.randomUUID().toString(), c.reference(), authorId,
        accepted ? Kind.RESOLUTION_ACCEPTED : Kind.RESOLUTION_OBJECTED,
        accepted ? (reason == null || reason.isBlank() ? "Resolution accepted" : reason.strip()) : objection,
        true, clock.instant());
    messages.insert(stored);
    return stored;
  }

  /**
   * The customer's answer to a feature request's quote: approved, the request is scheduled; declined, it
   * is withdrawn. 409 when no quote of the case awaits an answer (none sent, answered already, timed out).
   */
  @Transactional
  public StoredMessage answerQuote(CustomerCase c, String authorId, boolean approved, String comment) {
    if (!isWaitingFor(c.reference(), CaseMessages.FEATURE_QUOTE_RESPONSE)) {
      throw ApiProblem.conflict("Case " + c.reference() + " has no quote waiting for your answer.");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(CaseMessages.QUOTE_APPROVED, approved);
    variables.put(CaseMessages.QUOTE_COMMENT, comment == null || comment.isBlank() ? null : comment.strip());
    if (!correlate(c.reference(), CaseMessages.FEATURE_QUOTE_RESPONSE, variables)) {
      throw ApiProblem.conflict("Case " + c.reference() + " has no quote waiting for your answer.");
    }
    StoredMessage stored = new StoredMessage(UUID.randomUUID().toString(), c.reference(), authorId,
        approved ? Kind.QUOTE_APPROVED : Kind.QUOTE_DECLINED,
        comment == null || comment.isBlank() ? (approved ? "Quote approved" : "Quote declined") : comment.strip(),
        true, clock.instant());
    messages.insert(stored);
    return stored;
  }

  /** The quote awaiting the customer's answer (what will be built, the price), if one does. */
  public java.util.Optional<Map<String, Object>> pendingQuote(String reference) {
    return waiting(reference, CaseMessages.FEATURE_QUOTE_RESPONSE).stream().findFirst().map(execution ->
        runtime.getVariables(execution.getId(), List.of(CaseMessages.QUOTE_SCOPE, CaseMessages.QUOTE_COST)));
  }

  public List<StoredMessage> messages(String reference) {
    return messages.forCase(reference);
  }

  private List<Execution> waiting(String reference, String messageName) {
    return runtime.createExecutionQuery().processInstanceBusinessKey(reference)
        .messageEventSubscriptionName(messageName).list();
  }

  /**
   * Delivers to the process instance of the case that waits for the message; never starts a process
   * (a message start event of the same name elsewhere is not a match). Returns whether one waited.
   */
  private boolean correlate(String reference, String messageName, Map<String, Object> variables) {
    List<Execution> waiting = waiting(reference, messageName);
    if (waiting.isEmpty()) {
      return false;
    }
    List<String> instances = waiting.stream().map(Execution::getProcessInstanceId).distinct().toList();
    if (instances.size() > 1) {
      LOG.warn("Case {}: {} process instances wait for {}; delivering to {}", reference, instances.size(),
          messageName, instances.get(0));
    }
    try {
      runtime.createMessageCorrelation(messageName).processInstanceId(instances.get(0))
          .setVariables(variables).correlateWithResult();
      return true;
    } catch (MismatchingMessageCorrelationException e) {
      // none waits any more (the step moved on since the query: not delivered), or two waiting steps of
      // the same instance: exclusive delivery is impossible, so both hear it
      return !runtime.createMessageCorrelation(messageName).processInstanceId(instances.get(0))
          .setVariables(variables).correlateAllWithResult().isEmpty();
    }
  }
}
