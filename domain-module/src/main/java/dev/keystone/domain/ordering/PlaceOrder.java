package dev.keystone.domain.ordering;

import java.util.List;

/** The request to place an order: who orders, and how many of which products (no prices). */
public record PlaceOrder(long customerId, List<Item> items) {

  public PlaceOrder {
    items = List.copyOf(items);
  }

  /** One wanted product and its quantity. */
  public record Item(long productId, int quantity) {}
}
