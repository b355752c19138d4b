package dev.supportdesk.escalation.casefile;

import java.util.regex.Pattern;

/**
 * The rule for free text that people read later in Tasklist, Cockpit or a mail: no control characters
 * other than tab and line breaks, and no active markup (script, frames, objects, images, event-handler
 * attributes, javascript:/vbscript:/data:text/html links). Ordinary angle brackets stay allowed, because
 * customers and agents paste stack traces ({@code Foo.<init>}), XML and comparisons ({@code a < b}).
 * HTML formatting tags and Markdown links/images are refused as well, because Tasklist's form text views
 * render Markdown and allow-listed HTML (see {@link #RENDERED_MARKUP}).
 * Half a character (an unpaired UTF-16 surrogate, what a lenient decoder makes of invalid UTF-8) is no
 * text either. Used by the customer API ({@code intake.PlainText}) and by every task's server-side check
 * ({@link TaskInput}); Tasklist shows what passes as text, never as HTML (proven in a browser by
 * {@code HostileInputTest}).
 */
public final class PlainTextRule {

  static final Pattern ACTIVE_MARKUP = Pattern.compile(
      "<\\s*/?\\s*(script|iframe|frame|object|embed|svg|math|style|link|meta|base|form|img|video|audio)\\b"
          + "|javascript\\s*:|vbscript\\s*:|data\\s*:\\s*text/html|<[^>]*\\bon[a-z]+\\s*=",
      Pattern.CASE_INSENSITIVE);

  /**
   * What Tasklist's form text views (Camunda Forms render {@code {{variable}}} as Markdown with an HTML
   * allow-list) would turn into elements: HTML formatting tags, Markdown links and images, autolinks.
   * A customer's {@code <b>} would show bold, a link would lead an agent elsewhere, an image would call
   * home when the task opens. As in HTML, a tag starts right after "<" ("a < b > c" stays text).
   */
  static final Pattern RENDERED_MARKUP = Pattern.compile(
      "</?(a|b|i|u|s|em|strong|p|div|span|h[1-6]|ul|ol|li|hr|br|blockquote|pre|code|table|thead|tbody"
          + "|tr|th|td|font|center|marquee|details|button|input|textarea|select|label|area|map|picture|source"
          + "|canvas|template|dialog|noscript|applet|xmp|plaintext|listing|sub|sup|small|big|del|ins|mark|q|abbr)"
          + "(\\s[^>]*)?/?>"
          + "|\\]\\(|<(https?|ftp|mailto|file):",
      Pattern.CASE_INSENSITIVE);

  private PlainTextRule() {}

  public static boolean isPlainText(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // half of a character: what an invalid (CESU-style) UTF-8 sequence decodes to
        return false;
      }
    }
    return !ACTIVE_MARKUP.matcher(value).find() && !RENDERED_MARKUP.matcher(value).find();
  }
}
