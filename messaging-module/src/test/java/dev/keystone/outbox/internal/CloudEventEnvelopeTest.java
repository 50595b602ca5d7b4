package dev.keystone.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.keystone.platform.tracing.TraceContext;
import jakarta.json.Json;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventEnvelopeTest {

  @Test
  void wrapsAnEventInTheCloudEventsEnvelope() {
    var id = UUID.randomUUID();
    var time = Instant.parse("2026-11-29T10:15:30Z");
    var event = new ToolCreated(42, "A1", "Anvil", new BigDecimal("9.99"), "EUR", 3, "tools", 1);

    var json = CloudEventEnvelope.wrap(event, id, time, "req-1");

    var envelope = Json.createReader(new StringReader(json)).readObject();
    assertEquals("1.0", envelope.getString("specversion"));
    assertEquals(id.toString(), envelope.getString("id"));
    assertEquals("dev.keystone.product.created", envelope.getString("type"));
    assertEquals("/keystone/product", envelope.getString("source"));
    assertEquals("42", envelope.getString("subject"));
    assertEquals("2026-11-29T10:15:30Z", envelope.getString("time"));
    assertEquals(1, envelope.getInt("aggregateversion"));
    assertEquals("req-1", envelope.getString("correlationid"));
    assertEquals(
        "urn:keystone:schema:dev.keystone.product.created:v1", envelope.getString("dataschema"));
    var data = envelope.getJsonObject("data");
    assertEquals("A1", data.getString("sku"));
    assertEquals(new BigDecimal("9.99"), data.getJsonNumber("price").bigDecimalValue());
    assertEquals(42, data.getInt("productId"));
  }

  @Test
  void leavesOutAMissingCorrelationId() {
    var event = new ToolCreated(1, "A1", "Anvil", BigDecimal.ONE, "EUR", 3, null, 1);
    var json = CloudEventEnvelope.wrap(event, UUID.randomUUID(), Instant.now(), null);
    assertFalse(json.contains("correlationid"));
  }

  @Test
  void escapesWhatTheCallerControls() {
    var awkward = "say \"hi\"\\ \u00e9\u4e2d\n\t</script>";
    var event = new ToolCreated(7, "Q\"1", awkward, BigDecimal.TEN, "EUR", 3, null, 2);

    var json = CloudEventEnvelope.wrap(event, UUID.randomUUID(), Instant.now(), awkward);

    var envelope = Json.createReader(new StringReader(json)).readObject();
    assertEquals(awkward, envelope.getString("correlationid"));
    assertEquals(awkward, envelope.getJsonObject("data").getString("name"));
    assertEquals("Q\"1", envelope.getJsonObject("data").getString("sku"));
    assertEquals(2, envelope.getInt("aggregateversion"));
  }

  @Test
  void carriesTheWritersTraceContextAsTheDistributedTracingExtension() {
    var event = new ToolCreated(3, "A1", "Anvil", BigDecimal.ONE, "EUR", 3, null, 1);
    var parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    var json =
        CloudEventEnvelope.wrap(
            event, UUID.randomUUID(), Instant.now(), null, new TraceContext(parent, "k=v"));

    var envelope = Json.createReader(new StringReader(json)).readObject();
    assertEquals(parent, envelope.getString("traceparent"));
    assertEquals("k=v", envelope.getString("tracestate"));
    var untraced = CloudEventEnvelope.wrap(event, UUID.randomUUID(), Instant.now(), null);
    assertFalse(untraced.contains("traceparent"));
    assertFalse(untraced.contains("tracestate"));
  }
}
