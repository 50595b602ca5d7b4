package dev.keystone.domain.catalog;

import dev.keystone.domain.shared.DomainEvent;

/** Everything that can happen to a product. */
public sealed interface ProductEvents extends DomainEvent
    permits ProductCreated, ProductChanged, StockAdjusted {

  /** The product's id. */
  long productId();

  @Override
  default String aggregateType() {
    return "product";
  }

  @Override
  default String aggregateId() {
    return Long.toString(productId());
  }
}
