package dev.keystone.domain.ordering;

import java.math.BigDecimal;
import java.time.Instant;

/** A placed order was cancelled and its stock returned. */
public record OrderCancelled(
    long orderId,
    long customerId,
    BigDecimal total,
    String currency,
    Instant cancelledAt,
    long version)
    implements OrderEvents {

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventName() {
    return "cancelled";
  }
}
