package dev.keystone.domain.shared;

/**
 * A conditional change named a version that is no longer current (HTTP {@code If-Match} did not
 * match): the caller must read again before changing, so no update is lost.
 */
public final class StaleVersion extends DomainException {

  private static final long serialVersionUID = 1L;

  public StaleVersion(String aggregateType, Object id, long expected, long current) {
    super(
        "The "
            + aggregateType
            + " "
            + id
            + " is at version "
            + current
            + ", not "
            + expected
            + ": read it again before changing it.");
  }

  @Override
  public int status() {
    return 412;
  }

  @Override
  public String title() {
    return "Precondition failed";
  }

  @Override
  public String type() {
    return "stale-version";
  }
}
