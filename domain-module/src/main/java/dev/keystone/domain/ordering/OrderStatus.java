package dev.keystone.domain.ordering;

/** Where an order is in its life: placed (stock reserved), then possibly cancelled (returned). */
public enum OrderStatus {
  PLACED,
  CANCELLED
}
