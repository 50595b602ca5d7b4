package dev.keystone.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link StorableText}; {@link #firstProblem} is also usable without Bean Validation. */
public class StorableTextValidator implements ConstraintValidator<StorableText, CharSequence> {

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    return value == null || firstProblem(value) < 0;
  }

  /** Whether {@code value} (null counts as storable) passes {@link StorableText}. */
  public static boolean isStorable(CharSequence value) {
    return value == null || firstProblem(value) < 0;
  }

  /** The index of the first character {@link StorableText} refuses, or -1. */
  public static int firstProblem(CharSequence value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++; // a well-formed pair: a character outside the BMP, e.g. an emoji
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c) || refused(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean refused(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0xFFFE
        || c == 0xFFFF;
  }
}
