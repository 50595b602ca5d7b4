package dev.keystone.consumers.analytics;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;

/**
 * One order line as analytics books it: the product, its SKU, the units and the unit price at
 * placing time. Other fields of the line are ignored (docs/events.md).
 */
record SoldLine(long productId, String sku, int quantity, BigDecimal unitPrice) {

  static SoldLine of(JsonObject line) {
    return new SoldLine(
        line.getJsonNumber("productId").longValueExact(),
        line.getString("sku"),
        line.getInt("quantity"),
        line.getJsonNumber("unitPrice").bigDecimalValue());
  }

  static List<SoldLine> all(JsonArray lines) {
    return lines.stream().map(v -> of(v.asJsonObject())).toList();
  }

  /** The revenue of {@code units} units (negative to subtract). */
  BigDecimal revenue(long units) {
    return unitPrice.multiply(BigDecimal.valueOf(units));
  }
}
