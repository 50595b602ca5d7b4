package dev.keystone.domain.ordering;

import dev.keystone.cache.Versioned;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as reads return it and the cache stores it. Carries {@code customerId} so that the
 * gateway can let a customer see only their own orders.
 */
public record OrderView(
    long id,
    long customerId,
    OrderStatus status,
    List<Line> lines,
    BigDecimal total,
    String currency,
    Instant placedAt,
    Instant cancelledAt,
    long version)
    implements Versioned {

  public OrderView {
    lines = List.copyOf(lines);
  }

  /** One line as placed. */
  public record Line(
      long productId, String sku, int quantity, BigDecimal unitPrice, String currency) {}
}
