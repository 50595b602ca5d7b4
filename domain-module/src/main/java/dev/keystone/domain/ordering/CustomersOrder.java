package dev.keystone.domain.ordering;

/**
 * One order as one customer asks for it: the key of a customer's cached read ({@link
 * OrderLookup#findFor}). Its text form is the cache key's id part, {@code <orderId>@<customerId>}.
 */
public record CustomersOrder(long orderId, long customerId) {

  @Override
  public String toString() {
    return orderId + "@" + customerId;
  }
}
