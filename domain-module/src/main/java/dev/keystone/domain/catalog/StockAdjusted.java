package dev.keystone.domain.catalog;

/**
 * A product's stock changed by {@code delta} (negative when an order reserved units, positive when
 * a cancellation returned them or an operator restocked), leaving {@code stock}.
 */
public record StockAdjusted(long productId, int delta, int stock, String reason, long version)
    implements ProductEvents {

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventName() {
    return "stock-adjusted";
  }
}
