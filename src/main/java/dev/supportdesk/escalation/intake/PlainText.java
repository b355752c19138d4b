package dev.supportdesk.escalation.intake;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * Text a customer writes: no control characters other than tab and line breaks, and no active
 * markup (script, frames, event handlers, javascript: links). Agents read it in Tasklist and mails,
 * so it must stay text. Ordinary angle brackets (stack traces such as {@code <init>}, XML snippets)
 * are fine.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

  String message() default "must be plain text: no control characters, scripts or active markup";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PlainText, String> {

    static final Pattern ACTIVE_MARKUP = Pattern.compile(
        "<\\s*/?\\s*(script|iframe|frame|object|embed|svg|math|style|link|meta|base|form|img|video|audio)\\b"
            + "|javascript\\s*:|vbscript\\s*:|data\\s*:\\s*text/html|<[^>]*\\bon[a-z]+\\s*=",
        Pattern.CASE_INSENSITIVE);

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || isPlainText(value);
    }

    static boolean isPlainText(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
          return false;
        }
      }
      return !ACTIVE_MARKUP.matcher(value).find();
    }
  }
}
