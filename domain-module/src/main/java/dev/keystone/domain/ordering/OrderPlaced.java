package dev.keystone.domain.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order was placed and its stock reserved. Carries everything a consumer needs (lines with the
 * unit price at placing time, the total, the customer) so no consumer ever asks the application.
 */
public record OrderPlaced(
    long orderId,
    long customerId,
    List<Line> lines,
    BigDecimal total,
    String currency,
    Instant placedAt,
    long version)
    implements OrderEvents {

  public OrderPlaced {
    lines = List.copyOf(lines);
  }

  /** One line as placed: later price changes never alter it. */
  public record Line(long productId, String sku, int quantity, BigDecimal unitPrice) {}

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventName() {
    return "placed";
  }
}
