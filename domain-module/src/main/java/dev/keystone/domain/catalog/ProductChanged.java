package dev.keystone.domain.catalog;

import java.math.BigDecimal;

/** A product's descriptive values or price changed (not its stock: see {@link StockAdjusted}). */
public record ProductChanged(
    long productId,
    String sku,
    String name,
    BigDecimal price,
    String currency,
    String category,
    long version)
    implements ProductEvents {

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventName() {
    return "changed";
  }
}
