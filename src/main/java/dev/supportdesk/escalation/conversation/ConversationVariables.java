package dev.supportdesk.escalation.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Variables of "Customer wrote while no step waited" (SupportCaseProcess): the message arrives as
 * transient correlation variables and is kept local to its own run of the event subprocess, so two
 * messages in a row are two tasks that never overwrite each other.
 */
public final class ConversationVariables {

  public static final String SUBPROCESS_CUSTOMER_WROTE = "SubProcess_CustomerWrote";
  public static final String TASK_READ_CUSTOMER_MESSAGE = "Task_ReadCustomerMessage";
  public static final String TASK_NOTIFY_SUPPORT_REPLIED = "Task_NotifySupportReplied";

  /** What the customer wrote, or which file they attached: shown read-only (inert) in the form. */
  public static final String MESSAGE_TEXT = "customerMessageText";
  /** {@link MessageKind} of the message. */
  public static final String MESSAGE_KIND = "customerMessageKind";
  /** When it arrived (ISO-8601, UTC). */
  public static final String MESSAGE_AT = "customerMessageAt";
  /** The stored message's or attachment's id. */
  public static final String MESSAGE_ID = "customerMessageId";
  /** The customer login that wrote it (the reporter, or a colleague with shared access). */
  public static final String MESSAGE_FROM = "customerMessageFrom";
  /** The agent's answer for the customer (optional): mailed and shown in the customer's case. */
  public static final String SUPPORT_REPLY = "supportReply";

  /** The variables the message brings, copied from the correlation into the subprocess's scope. */
  public static final List<String> MESSAGE = List.of(MESSAGE_TEXT, MESSAGE_KIND, MESSAGE_AT, MESSAGE_ID, MESSAGE_FROM);

  /** What arrived. */
  public enum MessageKind { MESSAGE, ATTACHMENT }

  /**
   * The correlation variables of {@code CustomerWrote}: transient, so they never land in the case's
   * scope; the subprocess copies them into its own.
   */
  public static VariableMap message(MessageKind kind, String id, String from, String text, Instant at) {
    return Variables.createVariables()
        .putValueTyped(MESSAGE_TEXT, Variables.stringValue(text, true))
        .putValueTyped(MESSAGE_KIND, Variables.stringValue(kind.name(), true))
        .putValueTyped(MESSAGE_ID, Variables.stringValue(id, true))
        .putValueTyped(MESSAGE_FROM, Variables.stringValue(from, true))
        .putValueTyped(MESSAGE_AT, Variables.stringValue(at.truncatedTo(ChronoUnit.SECONDS).toString(), true));
  }

  private ConversationVariables() {}
}
