package dev.keystone.consumers.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumers.EventSamples;
import dev.keystone.consumers.EventSamples.Form;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Analytics reads the same order from the current form, the form published before versions were
 * stated, and a form with fields it does not know (docs/events.md).
 */
class PlacedOrderTest {

  private final SalesProjection projection = new SalesProjection();

  @ParameterizedTest
  @EnumSource(Form.class)
  void readsAnOrderPlacedInEveryForm(Form form) {
    var event = ReceivedEvent.parse(EventSamples.orderPlaced(form, 5));
    assertThat(event.type()).isEqualTo(SalesProjection.PLACED);
    assertThat(projection.readsSchemaVersion(event.type(), event.schemaVersion())).isTrue();

    var order = PlacedOrder.of(event.data());

    assertThat(order.day()).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(order.currency()).isEqualTo("EUR");
    assertThat(order.soldLines())
        .containsExactly(
            new SoldLine(7, "SKU-7", 2, new BigDecimal("12.50")),
            new SoldLine(8, "SKU-8", 1, new BigDecimal("0.99")));
    assertThat(order.soldLines().get(0).revenue(-2)).isEqualByComparingTo("-25.00");
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void readsAnOrderCancelledInEveryForm(Form form) {
    var event = ReceivedEvent.parse(EventSamples.orderCancelled(form, 5));
    assertThat(event.type()).isEqualTo(SalesProjection.CANCELLED);
    assertThat(event.aggregateId()).isEqualTo("5");
    assertThat(event.aggregateVersion()).isEqualTo(2);
    assertThat(projection.readsSchemaVersion(event.type(), event.schemaVersion())).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void storedLinesWithUnknownFieldsAreBookedBackTheSame(Form form) {
    // a cancellation books the lines stored at placing time, unknown fields included
    var order = PlacedOrder.of(ReceivedEvent.parse(EventSamples.orderPlaced(form, 5)).data());
    var stored =
        jakarta.json.Json.createReader(new java.io.StringReader(order.lines().toString()))
            .readArray();
    assertThat(SoldLine.all(stored)).isEqualTo(order.soldLines());
  }

  @org.junit.jupiter.api.Test
  void aLaterSchemaVersionIsNotRead() {
    assertThat(projection.readsSchemaVersion(SalesProjection.PLACED, 2)).isFalse();
  }
}
