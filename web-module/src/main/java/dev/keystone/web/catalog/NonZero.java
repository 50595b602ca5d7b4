package dev.keystone.web.catalog;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A number that must not be zero (an adjustment by nothing is a mistake); null is valid. */
@Constraint(validatedBy = NonZero.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface NonZero {

  String message() default "must not be zero";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link NonZero}. */
  class Validator implements ConstraintValidator<NonZero, Number> {
    @Override
    public boolean isValid(Number value, ConstraintValidatorContext context) {
      return value == null || value.longValue() != 0;
    }
  }
}
