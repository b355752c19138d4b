package dev.supportdesk.escalation.engineering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Turns what the customer wrote into what engineering may see. Engineering tickets live in a tracker
 * many people (and, with Jira, other tools) read, so they never carry the reporter's personal data:
 * e-mail addresses, phone numbers, the reporter's and organisation's names and ids, credentials in
 * URLs, and inline attachments are replaced by neutral placeholders. Attachments themselves are never
 * handed over: the hand-off is built from the case's text fields only.
 *
 * <p>When in doubt it removes too much rather than too little: a first name that is also an English
 * word is removed wherever it appears as a word.
 */
@Service
public class HandOffSanitiser {

  public static final String EMAIL = "[e-mail removed]";
  public static final String PHONE = "[phone removed]";
  public static final String CREDENTIALS = "[credentials removed]";
  public static final String SECRET = "[secret removed]";
  public static final String ATTACHMENT = "[attachment removed]";
  public static final String CUSTOMER = "[customer]";
  public static final String ORGANISATION = "[organisation]";
  public static final String CUSTOMER_ID = "[customer id]";
  public static final String ORGANISATION_ID = "[organisation id]";

  /** Who reported the case: every value is removed from the text (null or blank values are ignored). */
  public record Reporter(String customerName, String customerEmail, String customerId,
      String organisationName, String organisationId) {}

  /** The case's text fields, as the customer and Tier 1/2 wrote them. */
  public record CaseText(String summary, String description, String stepsToReproduce,
      String errorMessages, String environment, String recentChanges, String tier2Findings,
      String rootCause, String workaround) {}

  /** What engineering receives. */
  public record HandOff(String summary, String description) {}

  /** Inline files pasted into the text (data URIs such as a pasted screenshot). */
  private static final Pattern DATA_URI =
      Pattern.compile("data:[\\w.+-]+/[\\w.+-]+(?:;[\\w=.-]+)*(?:;base64)?,[A-Za-z0-9+/=%_-]+");
  /** {@code scheme://user:password@host} or {@code scheme://token@host}. */
  private static final Pattern URL_USER_INFO =
      Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^\\s/?#@]+@");
  /** Query parameters and key=value pairs that carry secrets. */
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)\\b((?:access_?token|api_?key|apikey|auth|token|password|passwd|pwd|secret|client_secret|sig|signature|session_?id|jsessionid)=)[^\\s&#;,'\"]+");
  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  /** "jane.doe [at] acme [dot] com", "jane (at) acme.com". */
  private static final Pattern OBFUSCATED_EMAIL = Pattern.compile(
      "(?i)[A-Za-z0-9._%+-]+\\s*[\\[(]at[\\])]\\s*[A-Za-z0-9-]+(?:(?:\\s*[\\[(]dot[\\])]\\s*|\\.)[A-Za-z0-9-]+)+");
  /**
   * Anything that may be a phone number: digits with spaces, dots, hyphens or parentheses, an optional
   * international prefix and extension. {@link #looksLikePhone} then tells phone numbers from dates,
   * versions, IP addresses and ids.
   */
  private static final Pattern PHONE_CANDIDATE = Pattern.compile(
      "(?<![\\w+./:-])(?:\\+|\\b00)?\\(?\\d[\\d ().-]{5,}\\d"
          + "(?:\\s*(?:ext\\.?|x|#)\\s*\\d{1,5})?(?![\\w/:-]|\\.\\d)");
  private static final Pattern DATE = Pattern.compile(
      "\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
  private static final Pattern EXTENSION = Pattern.compile("(?i)\\s*(?:ext\\.?|x|#)\\s*\\d{1,5}$");
  /** A line that is only the standard signature delimiter "-- ": everything after it is a signature. */
  private static final Pattern SIGNATURE = Pattern.compile("(?m)^-- ?$[\\s\\S]*");
  private static final Pattern LEGAL_FORM = Pattern.compile(
      "(?i)[\\s,]+(?:inc\\.?|ltd\\.?|llc|gmbh|ag|s\\.?a\\.?|sas|sarl|b\\.?v\\.?|n\\.?v\\.?|plc|corp\\.?|corporation|co\\.?|limited|oy|ab|as|s\\.?p\\.?a\\.?|pty)$");

  public HandOff handOff(CaseText text, Reporter reporter) {
    String summary = sanitise(text.summary(), reporter);
    StringBuilder description = new StringBuilder();
    section(description, "Description", text.description(), reporter);
    section(description, "Steps to reproduce", text.stepsToReproduce(), reporter);
    section(description, "Error messages", text.errorMessages(), reporter);
    section(description, "Environment", text.environment(), reporter);
    section(description, "Recent changes", text.recentChanges(), reporter);
    section(description, "Tier 2 findings", text.tier2Findings(), reporter);
    section(description, "Root cause", text.rootCause(), reporter);
    section(description, "Workaround", text.workaround(), reporter);
    return new HandOff(summary == null ? "" : summary, description.toString().strip());
  }

  private void section(StringBuilder out, String title, String value, Reporter reporter) {
    String clean = sanitise(value, reporter);
    if (clean != null && !clean.isBlank()) {
      out.append("## ").append(title).append("\n\n").append(clean.strip()).append("\n\n");
    }
  }

  /** The text without the reporter's personal data; null stays null. */
  public String sanitise(String text, Reporter reporter) {
    if (text == null) {
      return null;
    }
    String result = SIGNATURE.matcher(text).replaceAll("");
    result = DATA_URI.matcher(result).replaceAll(Matcher.quoteReplacement(ATTACHMENT));
    result = URL_USER_INFO.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(CREDENTIALS) + "@");
    result = SECRET_PARAMETER.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(SECRET));
    result = EMAIL_ADDRESS.matcher(result).replaceAll(Matcher.quoteReplacement(EMAIL));
    result = OBFUSCATED_EMAIL.matcher(result).replaceAll(Matcher.quoteReplacement(EMAIL));
    result = replacePhones(result);
    // ids before names: an id may contain a name ("acme-42"), never the other way round
    result = replaceLiteral(result, reporter.customerId(), CUSTOMER_ID);
    result = replaceLiteral(result, reporter.organisationId(), ORGANISATION_ID);
    result = replaceLiteral(result, reporter.customerEmail(), EMAIL);
    for (String name : organisationNames(reporter.organisationName())) {
      result = replaceWords(result, name, ORGANISATION);
    }
    for (String name : personNames(reporter.customerName())) {
      result = replaceWords(result, name, CUSTOMER);
    }
    return result;
  }

  private static String replacePhones(String text) {
    Matcher matcher = PHONE_CANDIDATE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement = looksLikePhone(matcher.group()) ? PHONE : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  static boolean looksLikePhone(String candidate) {
    String number = EXTENSION.matcher(candidate).replaceFirst("").strip();
    int digits = (int) number.chars().filter(Character::isDigit).count();
    if (digits < 7 || digits > 15) {
      return false;
    }
    if (number.startsWith("+") || number.startsWith("00")) {
      return digits >= 8;
    }
    if (DATE.matcher(number).matches()) {
      return false;
    }
    if (number.contains("(")) {
      return true;
    }
    String[] groups = number.split("[ ().-]+");
    boolean dotsOnly = number.contains(".") && number.matches("[\\d.]+");
    if (dotsOnly) {
      // 555.123.4567 or 06.12.34.56.78, never an IP address (1-3 digits × 4) or a version
      return number.matches("\\d{3}\\.\\d{3}\\.\\d{4}") || number.matches("0\\d(?:\\.\\d{2}){4}");
    }
    if (groups.length == 1) {
      // an unseparated run is an id or an amount unless it has a national trunk prefix: 07700900123
      return number.startsWith("0") && digits >= 10 && digits <= 11;
    }
    for (String group : groups) {
      if (group.length() >= 3) {
        return true;
      }
    }
    // 06 12 34 56 78: five two-digit groups
    return groups.length >= 4;
  }

  private static String replaceLiteral(String text, String value, String placeholder) {
    if (value == null || value.isBlank()) {
      return text;
    }
    return Pattern.compile(Pattern.quote(value.strip()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
        .matcher(text).replaceAll(Matcher.quoteReplacement(placeholder));
  }

  /** Replaces {@code value} where it stands as a whole word (or words), in any letter case. */
  private static String replaceWords(String text, String value, String placeholder) {
    String words = Pattern.quote(value).replace(" ", "\\E\\s+\\Q");
    Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}])" + words + "(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(placeholder));
  }

  /** The full name first, then each part (first name in a greeting, surname in "Ms Doe"). */
  static List<String> personNames(String customerName) {
    if (customerName == null || customerName.isBlank()) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    String full = customerName.strip().replaceAll("\\s+", " ");
    names.add(full);
    for (String part : full.split("[\\s,]+")) {
      String bare = part.replaceAll("^[.'-]+|[.'-]+$", "");
      // initials ("J.") carry no identity on their own and would hit every "a" and "I"
      if (bare.length() >= 2) {
        names.add(bare);
      }
      for (String hyphenated : bare.split("-")) {
        if (hyphenated.length() >= 2) {
          names.add(hyphenated);
        }
      }
    }
    return longestFirst(names);
  }

  /** The name as written and without its legal form: "Acme Widgets Ltd" and "Acme Widgets". */
  static List<String> organisationNames(String organisationName) {
    if (organisationName == null || organisationName.isBlank()) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    String full = organisationName.strip().replaceAll("\\s+", " ");
    names.add(full);
    String withoutLegalForm = LEGAL_FORM.matcher(full).replaceFirst("").strip();
    if (withoutLegalForm.length() >= 2) {
      names.add(withoutLegalForm);
    }
    return longestFirst(names);
  }

  private static List<String> longestFirst(Set<String> names) {
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(Comparator.comparingInt(String::length).reversed()
        .thenComparing(name -> name.toLowerCase(Locale.ROOT)));
    return sorted;
  }
}
