package dev.keystone.domain.ordering;

import dev.keystone.domain.shared.Conflict;

/** Only a placed order can be cancelled; a cancelled one cannot be cancelled again. */
public final class OrderNotCancellable extends Conflict {

  private static final long serialVersionUID = 1L;

  public OrderNotCancellable(Long orderId, OrderStatus status) {
    super(
        "order-not-cancellable",
        "Order "
            + orderId
            + " is "
            + status.name().toLowerCase(java.util.Locale.ROOT)
            + " and cannot be cancelled.");
  }
}
