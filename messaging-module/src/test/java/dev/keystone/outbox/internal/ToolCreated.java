package dev.keystone.outbox.internal;

import dev.keystone.outbox.OutboxEvent;
import java.math.BigDecimal;

/** A sample event of an application that uses the outbox library, for the library's own tests. */
public record ToolCreated(
    long productId,
    String sku,
    String name,
    BigDecimal price,
    String currency,
    int stock,
    String category,
    long version)
    implements OutboxEvent {

  @Override
  public String aggregateType() {
    return "product";
  }

  @Override
  public String aggregateId() {
    return Long.toString(productId);
  }

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventType() {
    return "dev.keystone.product.created";
  }
}
