package dev.keystone.domain.catalog;

import dev.keystone.domain.shared.Conflict;

/** An order or adjustment asked for more units of a product than are in stock. */
public final class InsufficientStock extends Conflict {

  private static final long serialVersionUID = 1L;
  private final Long productId;

  public InsufficientStock(Long productId, String sku, int requested, int available) {
    super(
        "insufficient-stock",
        "Product "
            + productId
            + " ("
            + sku
            + ") has "
            + available
            + " in stock, "
            + requested
            + " requested.");
    this.productId = productId;
  }

  /** The product that ran short. */
  public Long productId() {
    return productId;
  }
}
