package dev.keystone.consumers.email;

import jakarta.json.JsonObject;
import java.math.BigDecimal;

/**
 * What the email consumer reads of an {@code OrderPlaced} or {@code OrderCancelled} payload: whom
 * to write and the amount. Every other field is ignored (docs/events.md, the tolerant reader).
 */
record OrderFacts(String customerId, BigDecimal total, String currency) {

  static OrderFacts of(JsonObject data) {
    return new OrderFacts(
        data.getJsonNumber("customerId").toString(),
        data.getJsonNumber("total").bigDecimalValue(),
        data.getString("currency"));
  }
}
