package dev.keystone.it.consumers;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payloads {@link SchemaEvolutionIT} publishes, written from the published language. */
final class EvolvedPayloads {

  private EvolvedPayloads() {}

  /** Payload fields no consumer knows, a nested object among them. */
  static JsonObjectBuilder unknownFields(JsonObjectBuilder data) {
    return data.add("loyaltyPoints", 12)
        .add(
            "gift",
            Json.createObjectBuilder()
                .add("wrapped", true)
                .add("tags", Json.createArrayBuilder().add("x")));
  }

  static String email(long customer) {
    return "schema" + customer + "@it.keystone.dev";
  }

  static String messageId(UUID eventId) {
    return "<" + eventId + "@keystone>";
  }

  static JsonObjectBuilder customer(long id) {
    return Json.createObjectBuilder()
        .add("customerId", id)
        .add("name", "Customer " + id)
        .add("email", email(id))
        .add("version", 1);
  }

  static JsonObjectBuilder line(
      long product, int quantity, BigDecimal unitPrice, boolean unknownField) {
    var line =
        Json.createObjectBuilder()
            .add("productId", product)
            .add("sku", "SKU-" + product)
            .add("quantity", quantity)
            .add("unitPrice", unitPrice);
    return unknownField ? line.add("discount", Json.createObjectBuilder().add("code", "X")) : line;
  }

  static JsonObjectBuilder placed(
      long order, long customer, Instant at, List<JsonObjectBuilder> lines) {
    var array = Json.createArrayBuilder();
    var total = BigDecimal.ZERO;
    for (var line : lines) {
      var built = line.build();
      array.add(built);
      total =
          total.add(
              built
                  .getJsonNumber("unitPrice")
                  .bigDecimalValue()
                  .multiply(BigDecimal.valueOf(built.getInt("quantity"))));
    }
    return Json.createObjectBuilder()
        .add("orderId", order)
        .add("customerId", customer)
        .add("lines", array)
        .add("total", total)
        .add("currency", "EUR")
        .add("placedAt", at.toString())
        .add("version", 1);
  }

  static JsonObjectBuilder cancelled(long order, long customer, BigDecimal total) {
    return Json.createObjectBuilder()
        .add("orderId", order)
        .add("customerId", customer)
        .add("total", total)
        .add("currency", "EUR")
        .add("cancelledAt", Instant.now().toString())
        .add("version", 2);
  }
}
