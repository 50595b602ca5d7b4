package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The comparator behind {@link PublishedLanguageCompatibilityTest}: each incompatible change of
 * docs/events.md is caught, each compatible one passes. Every case changes a copy of the real
 * docs/asyncapi.yaml.
 */
class SchemaCompatibilityTest {

  private final JsonNode released = PublishedLanguage.read(PublishedLanguage.FILE);
  private final ObjectNode current = released.deepCopy();

  private ObjectNode schema(JsonNode document, String name) {
    return (ObjectNode) document.at("/components/schemas/" + name);
  }

  private static ObjectNode child(JsonNode node, String field) {
    var object = (ObjectNode) node;
    return object.has(field) ? (ObjectNode) object.get(field) : object.putObject(field);
  }

  private ObjectNode properties(JsonNode document, String name) {
    return (ObjectNode) schema(document, name).get("properties");
  }

  @Test
  void theSameDocumentIsCompatible() {
    assertThat(SchemaCompatibility.breaks(released, current)).isEmpty();
  }

  @Test
  void addingAnOptionalFieldIsCompatible() {
    properties(current, "OrderPlaced").putObject("giftNote").put("type", "string");
    properties(current, "OrderLine")
        .putObject("discount")
        .put("$ref", "#/components/schemas/Money");
    properties(current, "CloudEvent").putObject("region").put("type", "string");
    assertThat(SchemaCompatibility.breaks(released, current)).isEmpty();
  }

  @Test
  void addingAnEventTypeOrAnEnumValueOrOpeningAnObjectIsCompatible() {
    ((ObjectNode) current.at("/components/messages"))
        .set("ProductRetired", current.at("/components/messages/ProductChanged").deepCopy());
    ((ObjectNode) current.at("/channels/product/messages"))
        .putObject("ProductRetired")
        .put("$ref", "#/components/messages/ProductRetired");
    withReasons((ObjectNode) released, "order", "restock");
    withReasons(current, "order", "restock", "correction");
    assertThat(SchemaCompatibility.breaks(released, current)).isEmpty();
  }

  @Test
  void aRemovedFieldIsCaught() {
    properties(current, "ProductCreated").remove("sku");
    properties(current, "CloudEvent").remove("correlationid");
    assertThat(SchemaCompatibility.breaks(released, current))
        .contains(
            "ProductCreated.data.sku: removed",
            "ProductCreated.correlationid: removed",
            "OrderPlaced.correlationid: removed");
  }

  @Test
  void aRetypedFieldIsCaught() {
    properties(current, "ProductCreated").putObject("stock").put("type", "string");
    properties(current, "OrderLine")
        .putObject("unitPrice")
        .put("$ref", "#/components/schemas/Currency");
    child(properties(current, "CustomerRegistered"), "email").put("format", "idn-email");
    assertThat(SchemaCompatibility.breaks(released, current))
        .contains(
            "ProductCreated.data.stock: type changed from \"integer\" to \"string\"",
            "OrderPlaced.data.lines[].unitPrice: type changed from \"number\" to \"string\"",
            "CustomerRegistered.data.email: format changed from \"email\" to \"idn-email\"");
  }

  @Test
  void aNewlyRequiredFieldIsCaught() {
    ((ArrayNode) schema(current, "ProductCreated").get("required")).add("category");
    properties(current, "OrderCancelled").putObject("reason").put("type", "string");
    ((ArrayNode) schema(current, "OrderCancelled").get("required")).add("reason");
    ((ArrayNode) schema(current, "CloudEvent").get("required")).add("dataschema");
    assertThat(SchemaCompatibility.breaks(released, current))
        .contains(
            "ProductCreated.data.category: newly required",
            "OrderCancelled.data.reason: newly required",
            "StockAdjusted.dataschema: newly required");
  }

  @Test
  void aRemovedEventTypeIsCaughtUnlessItWasReleasedAsDeprecated() {
    ((ObjectNode) current.at("/components/messages")).remove("OrderCancelled");
    ((ObjectNode) current.at("/channels/order/messages")).remove("OrderCancelled");
    assertThat(SchemaCompatibility.breaks(released, current))
        .containsExactly(
            "OrderCancelled: message removed without being released as deprecated first");

    schema(released, "OrderCancelledEvent").put("deprecated", true);
    assertThat(SchemaCompatibility.breaks(released, current)).isEmpty();
  }

  @Test
  void aRenamedTypeAChangedVersionOrAnotherTopicIsCaught() {
    child(
            child(schema(current, "OrderPlacedEvent").get("allOf").get(1), "properties"),
            "dataschema")
        .put("const", "urn:keystone:schema:dev.keystone.order.placed:v2");
    ((ObjectNode) current.at("/channels/customer/messages"))
        .set("ProductCreated", current.at("/channels/product/messages/ProductCreated"));
    ((ObjectNode) current.at("/channels/product/messages")).remove("ProductCreated");
    assertThat(SchemaCompatibility.breaks(released, current))
        .contains(
            "OrderPlaced.dataschema: const changed from"
                + " \"urn:keystone:schema:dev.keystone.order.placed:v1\" to"
                + " \"urn:keystone:schema:dev.keystone.order.placed:v2\"",
            "ProductCreated: moved from topic keystone.product to keystone.customer");
  }

  @Test
  void anEnumThatDropsAValueOrIsImposedIsCaught() {
    withReasons((ObjectNode) released, "order", "restock", "correction");
    withReasons(current, "order", "restock");
    assertThat(SchemaCompatibility.breaks(released, current))
        .containsExactly("StockAdjusted.data.reason: enum value \"correction\" dropped");

    var free = (ObjectNode) PublishedLanguage.read(PublishedLanguage.FILE);
    assertThat(SchemaCompatibility.breaks(free, current))
        .containsExactly("StockAdjusted.data.reason: enum imposed on values that were free");
  }

  @Test
  void closingAnObjectToUnknownFieldsIsCaught() {
    schema(current, "OrderLine").put("additionalProperties", false);
    assertThat(SchemaCompatibility.breaks(released, current))
        .containsExactly(
            "OrderPlaced.data.lines[]: closed to unknown fields (additionalProperties: false)");
  }

  private void withReasons(ObjectNode document, String... reasons) {
    var reason = child(properties(document, "StockAdjusted"), "reason").putArray("enum");
    for (var r : reasons) {
      reason.add(r);
    }
  }
}
