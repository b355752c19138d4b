package dev.supportdesk.escalation.tracker.jira;

import dev.supportdesk.escalation.casefile.CaseMessages;
import dev.supportdesk.escalation.engineering.EngineeringContract;
import dev.supportdesk.escalation.tracker.jira.JiraStatusSync.Outcome;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The fallback for missed webhooks: every {@code support.tracker.jira.poll-interval} (default PT15M) reads
 * the status of each ticket whose engineering process is still listening for
 * {@value CaseMessages#TRACKER_STATUS_CHANGED} and feeds it through {@link JiraStatusSync}, the webhook's
 * path: a status already followed changes nothing. Several nodes polling at once is harmless for the same
 * reason. A ticket Jira cannot answer for is logged and tried again at the next round.
 */
public class JiraStatusPoller {

  private static final Logger LOG = LoggerFactory.getLogger(JiraStatusPoller.class);

  private final RuntimeService runtime;
  private final JiraClient jira;
  private final JiraStatusSync sync;
  private final Clock clock;

  public JiraStatusPoller(RuntimeService runtime, JiraClient jira, JiraStatusSync sync, Clock clock) {
    this.runtime = runtime;
    this.jira = jira;
    this.sync = sync;
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "${support.tracker.jira.poll-interval:PT15M}",
      fixedDelayString = "${support.tracker.jira.poll-interval:PT15M}")
  public void scheduledPoll() {
    poll();
  }

  /** One round; the outcomes counted, for logs and tests. */
  public Map<Outcome, Integer> poll() {
    Set<String> ticketKeys = new LinkedHashSet<>();
    for (EventSubscription subscription : runtime.createEventSubscriptionQuery().eventType("message")
        .eventName(CaseMessages.TRACKER_STATUS_CHANGED).list()) {
      Object key = runtime.getVariable(subscription.getProcessInstanceId(), EngineeringContract.TICKET_KEY);
      if (key != null) {
        ticketKeys.add(key.toString());
      }
    }
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (String ticketKey : ticketKeys) {
      try {
        Outcome outcome = sync.report(ticketKey, jira.statusName(ticketKey), clock.instant());
        outcomes.merge(outcome, 1, Integer::sum);
      } catch (RuntimeException e) {
        LOG.warn("Polling Jira issue {} failed, trying again next round: {}", ticketKey, e.getMessage());
      }
    }
    if (!ticketKeys.isEmpty()) {
      LOG.info("Polled {} Jira issue(s): {}", ticketKeys.size(), outcomes);
    }
    return outcomes;
  }
}
