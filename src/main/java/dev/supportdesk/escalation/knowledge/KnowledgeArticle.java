package dev.supportdesk.escalation.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** One article of the knowledge base, in its current version. */
public record KnowledgeArticle(long id, String title, String body, String product, List<String> tags,
    Visibility visibility, State state, int version, String author, String sourceCase, Instant createdAt,
    Instant updatedAt) {

  public static final String PREFIX = "KB-";
  private static final Pattern REFERENCE = Pattern.compile("(?i)\\s*(?:KB-?)?(\\d{1,12})\\s*");

  /** Who may read it once published. */
  public enum Visibility { INTERNAL, CUSTOMERS }

  /** Only published articles are suggested and shown; a retired one stays for the record. */
  public enum State { DRAFT, PUBLISHED, RETIRED }

  public String reference() {
    return PREFIX + id;
  }

  /** Whether a customer may read it: published for customers. */
  public boolean forCustomers() {
    return state == State.PUBLISHED && visibility == Visibility.CUSTOMERS;
  }

  /** The body on one line, cut after {@code max} characters with "…": for lists of articles. */
  public String excerpt(int max) {
    String text = body.replaceAll("\\s+", " ").strip();
    return text.length() <= max ? text : text.substring(0, max).strip() + "…";
  }

  /** The id in "KB-12" (also "kb12", "12"), or empty for anything else. */
  public static Optional<Long> idOf(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    var matcher = REFERENCE.matcher(reference);
    return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
  }

  /** Tags as stored: lower case, trimmed, without empties or repeats, at most 10. */
  public static List<String> tags(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(commaSeparated.split("[,;]"))
        .map(tag -> tag.trim().toLowerCase(Locale.ROOT)).filter(tag -> !tag.isEmpty()).distinct().limit(10).toList();
  }

  /** What an agent writes: a new article or the next version of one. */
  public record Draft(String title, String body, String product, List<String> tags, Visibility visibility,
      State state) {}

  /** One saved version, for the history an auditor reads. */
  public record Version(int version, String title, String body, String product, List<String> tags,
      Visibility visibility, State state, String author, String caseReference, Instant changedAt) {}
}
