package dev.keystone.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text that PostgreSQL can store and a person can read: no control characters (U+0000–U+001F,
 * U+007F–U+009F; PostgreSQL refuses NUL outright), no bidirectional overrides or isolates (U+202A–
 * U+202E, U+2066–U+2069: they make text display differently from what it is), no unpaired
 * surrogates and no non-characters (U+FFFE, U+FFFF). Such input is refused at the edge with a 400
 * naming the field, instead of failing in the database as a 500. {@code null} is valid (combine
 * with {@code @NotNull} where a value is required).
 */
@Documented
@Constraint(validatedBy = StorableTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface StorableText {

  String message() default
      "must not contain control characters, bidirectional overrides or unpaired surrogates";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
