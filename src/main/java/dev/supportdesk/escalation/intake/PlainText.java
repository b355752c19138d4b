package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.casefile.PlainTextRule;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a customer writes: no control characters other than tab and line breaks, and no active
 * markup (script, frames, event handlers, javascript: links); see {@link PlainTextRule}. Agents read it
 * in Tasklist and mails, so it must stay text. Ordinary angle brackets (stack traces such as
 * {@code <init>}, XML snippets) are fine.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

  String message() default "must be plain text: no control characters, scripts or active markup";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PlainText, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || PlainTextRule.isPlainText(value);
    }
  }
}
