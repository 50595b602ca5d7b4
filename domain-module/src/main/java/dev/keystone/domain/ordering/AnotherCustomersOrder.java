package dev.keystone.domain.ordering;

import dev.keystone.domain.shared.DomainException;

/** A customer asked for an order placed by another customer. */
public final class AnotherCustomersOrder extends DomainException {

  private static final long serialVersionUID = 1L;

  public AnotherCustomersOrder() {
    super("This belongs to another customer.");
  }

  @Override
  public int status() {
    return 403;
  }

  @Override
  public String title() {
    return "Forbidden";
  }

  @Override
  public String type() {
    return "forbidden";
  }
}
