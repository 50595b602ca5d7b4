package dev.keystone.it.support;

/**
 * Sizes of the fault suite: the fast subset in {@code ./mvnw verify}, the full figures with {@code
 * -Pfaults} (which sets {@code keystone.faults.full}).
 */
public final class Faults {

  private Faults() {}

  /** True when the suite runs at full size. */
  public static boolean full() {
    return Boolean.getBoolean("keystone.faults.full");
  }

  /** {@code fast} in the everyday build, {@code full} in the fault suite. */
  public static int size(int fast, int full) {
    return full() ? full : fast;
  }
}
