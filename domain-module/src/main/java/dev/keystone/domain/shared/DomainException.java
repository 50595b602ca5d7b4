package dev.keystone.domain.shared;

import jakarta.ejb.ApplicationException;

/**
 * The one family of business failures. Each subclass is one condition with its HTTP meaning ({@link
 * #status()}), so the web layer maps all of them with a single problem+json mapper. Always rolls
 * the transaction back.
 */
@ApplicationException(rollback = true)
public abstract class DomainException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected DomainException(String message) {
    super(message);
  }

  /** The HTTP status this condition means, e.g. 404 or 409. */
  public abstract int status();

  /** A short, stable title for the problem type. */
  public abstract String title();

  /** The slug of the problem type URI, e.g. {@code duplicate-sku}. */
  public abstract String type();
}
