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
