package dev.keystone.consumerkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReceivedEventTest {

  @Test
  void readsThePublishedEnvelope() {
    var id = UUID.randomUUID();
    var event =
        ReceivedEvent.parse(
            """
            {"specversion":"1.0","id":"%s","type":"dev.keystone.order.placed",
             "source":"/keystone/order","subject":"7","time":"2026-11-29T10:15:30Z",
             "aggregateversion":3,"correlationid":"r1","data":{"orderId":7}}
            """
                .formatted(id));
    assertEquals(id, event.id());
    assertEquals("order", event.aggregateType());
    assertEquals("7", event.aggregateId());
    assertEquals(3, event.aggregateVersion());
    assertEquals("r1", event.correlationId());
    assertEquals(7, event.data().getInt("orderId"));
    assertFalse(event.trace().present(), "no distributed-tracing extension, no context");
  }

  @Test
  void readsTheWritersTraceContext() {
    var event =
        ReceivedEvent.parse(
            """
            {"specversion":"1.0","id":"%s","type":"dev.keystone.order.placed",
             "source":"/keystone/order","subject":"7","time":"2026-11-29T10:15:30Z",
             "aggregateversion":3,"data":{},
             "traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
             "tracestate":"k=v"}
            """
                .formatted(UUID.randomUUID()));
    assertTrue(event.trace().present());
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", event.trace().traceId());
    assertEquals("k=v", event.trace().tracestate());
  }

  @Test
  void ignoresATraceparentThatIsNotOne() {
    var event =
        ReceivedEvent.parse(
            """
            {"specversion":"1.0","id":"%s","type":"dev.keystone.order.placed",
             "source":"/keystone/order","subject":"7","time":"2026-11-29T10:15:30Z",
             "aggregateversion":3,"data":{},"traceparent":"not-a-traceparent"}
            """
                .formatted(UUID.randomUUID()));
    assertFalse(event.trace().present());
    assertNull(event.trace().traceId());
  }

  @Test
  void ignoresAttributesAndFieldsItDoesNotKnow() {
    var event =
        ReceivedEvent.parse(
            """
            {"specversion":"1.0","id":"%s","type":"dev.keystone.order.placed",
             "source":"/keystone/order","subject":"7","time":"2026-11-29T10:15:30Z",
             "aggregateversion":3,"futureattribute":{"nested":[1,2]},"partitionkey":"7",
             "data":{"orderId":7,"loyaltyPoints":12,"gift":{"wrapped":true}}}
            """
                .formatted(UUID.randomUUID()));
    assertEquals("dev.keystone.order.placed", event.type());
    assertEquals(3, event.aggregateVersion());
    assertEquals(7, event.data().getInt("orderId"));
  }

  @Test
  void readsTheSchemaVersionFromDataschemaAndVersionOneWithoutIt() {
    var template =
        """
        {"specversion":"1.0","id":"%s","type":"dev.keystone.order.placed",
         "source":"/keystone/order","subject":"7","time":"2026-11-29T10:15:30Z",
         "aggregateversion":3%s,"data":{}}
        """;
    var unversioned = ReceivedEvent.parse(template.formatted(UUID.randomUUID(), ""));
    assertEquals(1, unversioned.schemaVersion(), "the form published before versions existed");
    var v1 =
        ReceivedEvent.parse(
            template.formatted(
                UUID.randomUUID(),
                ",\"dataschema\":\"urn:keystone:schema:dev.keystone.order.placed:v1\""));
    assertEquals(1, v1.schemaVersion());
    var v2 =
        ReceivedEvent.parse(
            template.formatted(
                UUID.randomUUID(),
                ",\"dataschema\":\"urn:keystone:schema:dev.keystone.order.placed:v2\""));
    assertEquals(2, v2.schemaVersion());
    for (var bad :
        new String[] {
          "urn:keystone:schema:dev.keystone.order.cancelled:v1",
          "urn:keystone:schema:dev.keystone.order.placed:v0",
          "urn:keystone:schema:dev.keystone.order.placed:vx",
          "https://example.org/schema.json"
        }) {
      var json = template.formatted(UUID.randomUUID(), ",\"dataschema\":\"" + bad + "\"");
      assertThrows(ReceivedEvent.MalformedEvent.class, () -> ReceivedEvent.parse(json), bad);
    }
  }

  @Test
  void rejectsWhatIsNotTheEnvelope() {
    for (var bad :
        new String[] {
          "{}",
          "not json",
          "{\"id\":\"x\",\"type\":\"dev.keystone.order.placed\"}",
          "{\"id\":\"%s\",\"type\":\"other\",\"subject\":\"1\",\"time\":\"2026-11-29T10:15:30Z\",\"aggregateversion\":1}"
              .formatted(UUID.randomUUID())
        }) {
      assertThrows(ReceivedEvent.MalformedEvent.class, () -> ReceivedEvent.parse(bad), bad);
    }
  }
}
