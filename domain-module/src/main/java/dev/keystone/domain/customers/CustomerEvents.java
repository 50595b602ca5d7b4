package dev.keystone.domain.customers;

import dev.keystone.domain.shared.DomainEvent;

/** Everything that can happen to a customer. */
public sealed interface CustomerEvents extends DomainEvent permits CustomerRegistered {

  /** The customer's id. */
  long customerId();

  @Override
  default String aggregateType() {
    return "customer";
  }

  @Override
  default String aggregateId() {
    return Long.toString(customerId());
  }
}
