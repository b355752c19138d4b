package dev.supportdesk.escalation.conversation.mail;

/** Names of processes/InboundMailReplyProcess.bpmn and its variables: the one place they are spelled. */
public final class InboundMailVariables {

  public static final String PROCESS_ID = "InboundMailReplyProcess";
  /** Whom the answer goes to: the sender of the inbound mail. */
  public static final String REPLY_TO = "replyTo";
  public static final String REPLY_SUBJECT = "replySubject";
  public static final String REPLY_BODY = "replyBody";
  /** The inbound mail's Message-ID, which the answer names in In-Reply-To. */
  public static final String IN_REPLY_TO = "inReplyTo";
  /** The case the answer is about, when there is one (not the business key: no case process calls this one). */
  public static final String CASE_REFERENCE = "caseReference";

  private InboundMailVariables() {}
}
