package dev.keystone.domain.ordering;

import dev.keystone.domain.shared.DomainEvent;

/** Everything that can happen to an order. */
public sealed interface OrderEvents extends DomainEvent permits OrderPlaced, OrderCancelled {

  /** The order's id. */
  long orderId();

  @Override
  default String aggregateType() {
    return "order";
  }

  @Override
  default String aggregateId() {
    return Long.toString(orderId());
  }
}
