package dev.keystone.domain.catalog;

import java.math.BigDecimal;

/** A product was added to the catalog. */
public record ProductCreated(
    long productId,
    String sku,
    String name,
    BigDecimal price,
    String currency,
    int stock,
    String category,
    long version)
    implements ProductEvents {

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventName() {
    return "created";
  }
}
