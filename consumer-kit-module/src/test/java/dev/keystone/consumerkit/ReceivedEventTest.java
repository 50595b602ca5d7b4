package dev.keystone.consumerkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
