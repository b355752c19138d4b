package dev.supportdesk.escalation.casefile;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Service;

/**
 * Human-readable case references such as {@code CASE-2026-7K3M9Q}: the year a case was opened and six
 * characters of Crockford's base32 (no I, L, O, U, so a reference read out on the phone is unambiguous).
 * The reference is the business key of the case's process instance and of every process it calls.
 */
@Service
public class CaseReferences {

  public static final Pattern FORMAT = Pattern.compile("CASE-\\d{4}-[0-9A-HJKMNP-TV-Z]{6}");
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int MAX_ATTEMPTS = 20;

  private final SecureRandom random = new SecureRandom();
  private final HistoryService history;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  public CaseReferences(HistoryService history) {
    this(history, Clock.systemUTC());
  }

  CaseReferences(HistoryService history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  /** A reference no case (running or finished) carries yet. */
  public String next() {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      String candidate = candidate();
      if (history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(candidate).count() == 0) {
        return candidate;
      }
    }
    throw new IllegalStateException("No free case reference after " + MAX_ATTEMPTS + " attempts");
  }

  String candidate() {
    StringBuilder reference = new StringBuilder("CASE-")
        .append(clock.instant().atZone(ZoneOffset.UTC).getYear()).append('-');
    for (int i = 0; i < 6; i++) {
      reference.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return reference.toString();
  }

  public static boolean isValid(String reference) {
    return reference != null && FORMAT.matcher(reference).matches();
  }
}
