package dev.keystone.consumers.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumers.EventSamples;
import dev.keystone.consumers.EventSamples.Form;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit log records every event type in the current form, the form published before versions
 * were stated, and a form with fields it does not know, keeping the payload as it arrived
 * (docs/events.md).
 */
class AuditEntryTest {

  private final AuditLog log = new AuditLog();

  @ParameterizedTest
  @EnumSource(Form.class)
  void recordsEveryEventTypeInEveryForm(Form form) {
    var samples =
        List.of(
            EventSamples.productCreated(form, 7),
            EventSamples.productChanged(form, 7, 2),
            EventSamples.stockAdjusted(form, 7, 3),
            EventSamples.customerRegistered(form, 11),
            EventSamples.orderPlaced(form, 5),
            EventSamples.orderCancelled(form, 5));
    for (var json : samples) {
      var event = ReceivedEvent.parse(json);
      assertThat(log.readsSchemaVersion(event.type(), event.schemaVersion())).isTrue();

      var entry = AuditEntry.of(event);

      assertThat(entry.eventId()).isEqualTo(event.id());
      assertThat(entry.type()).startsWith("dev.keystone." + entry.aggregateType() + ".");
      assertThat(entry.aggregateId()).isIn("7", "11", "5");
      assertThat(entry.aggregateVersion()).isPositive();
      assertThat(entry.correlationId()).isEqualTo("req-1");
      assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2026-12-04T10:00:00.123Z"));
      assertThat(entry.payload()).isEqualTo(event.data().toString());
      assertThat(entry.payload().contains("loyaltyPoints")).isEqualTo(form == Form.UNKNOWN_FIELDS);
    }
  }

  @Test
  void aLaterSchemaVersionIsNotRead() {
    assertThat(log.readsSchemaVersion("dev.keystone.product.changed", 2)).isFalse();
  }
}
