package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.domain.catalog.ProductChanged;
import dev.keystone.domain.catalog.ProductCreated;
import dev.keystone.domain.catalog.ProductEvents;
import dev.keystone.domain.catalog.StockAdjusted;
import dev.keystone.domain.customers.CustomerEvents;
import dev.keystone.domain.customers.CustomerRegistered;
import dev.keystone.domain.ordering.OrderCancelled;
import dev.keystone.domain.ordering.OrderEvents;
import dev.keystone.domain.ordering.OrderPlaced;
import dev.keystone.domain.shared.DomainEvent;
import dev.keystone.outbox.Topics;
import dev.keystone.outbox.internal.CloudEventEnvelope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event record of the domain, wrapped by the real {@link CloudEventEnvelope}, conforms to its
 * message in docs/asyncapi.yaml, and every record type is documented: a field added to a record, or
 * a new event, fails here until the published language says so. The producer states each type's
 * schema version as the document does, and the published (open) schemas accept what a tolerant
 * consumer must: unknown fields, and the form published before versions were stated
 * (docs/events.md). Real records off the topic are checked by {@link PublishedRecordsIT}.
 */
class PublishedLanguageTest {

  private static final PublishedLanguage LANGUAGE = PublishedLanguage.load();
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00.123456Z");

  static Stream<DomainEvent> events() {
    var price = new BigDecimal("12.50");
    return Stream.of(
        new ProductCreated(7, "SKU-7", "Hammer", price, "EUR", 3, "tools", 1),
        new ProductCreated(8, "SKU-8", "Nail", price, "EUR", 0, null, 1),
        new ProductChanged(7, "SKU-7", "Big hammer", new BigDecimal("13"), "EUR", "tools", 2),
        new StockAdjusted(7, -2, 1, "order 5 placed", 3),
        new CustomerRegistered(11, "Ada", "ada@example.com", 1),
        new OrderPlaced(
            5,
            11,
            List.of(new OrderPlaced.Line(7, "SKU-7", 2, price)),
            new BigDecimal("25.00"),
            "EUR",
            NOW,
            1),
        new OrderCancelled(5, 11, new BigDecimal("25.00"), "EUR", NOW, 2));
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventRecordConformsToItsDocumentedMessage(DomainEvent event) {
    var json = CloudEventEnvelope.wrap(event, UUID.randomUUID(), NOW, "req-1");
    var message = LANGUAGE.messageFor(event.eventType(), CloudEventEnvelope.dataSchema(event));
    assertThat(message).isEqualTo(event.getClass().getSimpleName());
    assertThat(LANGUAGE.topicOf(message)).isEqualTo(Topics.forAggregate(event.aggregateType()));
    assertThat(LANGUAGE.violations(message, json)).as(json).isEmpty();
  }

  @Test
  void everyEventTypeOfTheDomainIsDocumentedAndNothingElse() {
    var recordTypes =
        Stream.of(ProductEvents.class, CustomerEvents.class, OrderEvents.class)
            .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
            .map(Class::getSimpleName)
            .sorted()
            .toList();
    assertThat(LANGUAGE.messages()).containsExactlyInAnyOrderElementsOf(recordTypes);
    assertThat(Topics.AGGREGATE_TYPES)
        .allSatisfy(
            type ->
                assertThat(LANGUAGE.document().path("channels").path(type).path("address").asText())
                    .isEqualTo(Topics.forAggregate(type)));
  }

  @Test
  void theSchemasRejectWhatTheCodeDoesNotSend() {
    var json =
        CloudEventEnvelope.wrap(
            new StockAdjusted(7, -2, 1, "restock", 3), UUID.randomUUID(), NOW, null);
    assertThat(LANGUAGE.violations("StockAdjusted", json)).isEmpty();
    assertThat(LANGUAGE.violations("StockAdjusted", json.replace("\"delta\"", "\"change\"")))
        .as("an undocumented field")
        .isNotEmpty();
    assertThat(LANGUAGE.violations("StockAdjusted", json.replace("\"specversion\":\"1.0\",", "")))
        .as("no specversion")
        .isNotEmpty();
    assertThat(LANGUAGE.violations("ProductCreated", json)).as("another type").isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("events")
  void theProducerStatesTheSchemaVersionTheDocumentStates(DomainEvent event) {
    var message = event.getClass().getSimpleName();
    var documented = LANGUAGE.envelopeOf(message).at("/properties/dataschema/const").asText();
    assertThat(documented)
        .isEqualTo("urn:keystone:schema:" + event.eventType() + ":v" + event.schemaVersion())
        .isEqualTo(CloudEventEnvelope.dataSchema(event));
    assertThat(CloudEventEnvelope.wrap(event, UUID.randomUUID(), NOW, null))
        .contains("\"dataschema\":\"" + documented + "\"");
  }

  @Test
  void thePublishedSchemasAcceptUnknownFieldsAndThePreviousForm() {
    var published = PublishedLanguage.asPublished();
    var json =
        CloudEventEnvelope.wrap(
            new StockAdjusted(7, -2, 1, "restock", 3), UUID.randomUUID(), NOW, null);
    var extended =
        json.replace("\"specversion\"", "\"region\":\"eu\",\"specversion\"")
            .replace("\"productId\"", "\"warehouse\":{\"id\":4},\"productId\"");
    assertThat(published.violations("StockAdjusted", extended)).as(extended).isEmpty();
    assertThat(LANGUAGE.violations("StockAdjusted", extended))
        .as("the producer may not send them undocumented")
        .isNotEmpty();
    var previous = json.replaceAll(",\"dataschema\":\"[^\"]+\"", "");
    assertThat(previous).doesNotContain("dataschema");
    assertThat(published.violations("StockAdjusted", previous)).as(previous).isEmpty();
    assertThat(published.violations("StockAdjusted", json.replace(":v1\"", ":v2\"")))
        .as("another version is another message")
        .isNotEmpty();
  }
}
