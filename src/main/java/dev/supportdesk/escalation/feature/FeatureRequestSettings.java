package dev.supportdesk.escalation.feature;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings of {@value FeatureRequestContract#PROCESS_ID} that an operator changes without a new
 * diagram: {@code support.feature.quote-timeout} (ISO-8601, default P30D) is how long the customer has
 * to answer a quote. The diagram reads it as {@code ${featureRequestSettings.quoteTimeout}}.
 */
@Component("featureRequestSettings")
public class FeatureRequestSettings {

  private final Duration quoteTimeout;

  public FeatureRequestSettings(@Value("${support.feature.quote-timeout:P30D}") Duration quoteTimeout) {
    if (quoteTimeout == null || quoteTimeout.isNegative() || quoteTimeout.isZero()) {
      throw new IllegalArgumentException("support.feature.quote-timeout must be a positive duration, was " + quoteTimeout);
    }
    this.quoteTimeout = quoteTimeout;
  }

  /** ISO-8601 duration for the timer's timeDuration, e.g. PT720H. */
  public String getQuoteTimeout() {
    return quoteTimeout.toString();
  }
}
