package dev.keystone.domain.ordering;

import java.math.BigDecimal;

/**
 * A line as the service priced it from the locked product row: the sku, unit price and currency of
 * the moment of placing, which the order keeps for good.
 */
public record PricedLine(
    long productId, String sku, int quantity, BigDecimal unitPrice, String currency) {

  /** {@code unitPrice × quantity}, exactly. */
  public BigDecimal amount() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
