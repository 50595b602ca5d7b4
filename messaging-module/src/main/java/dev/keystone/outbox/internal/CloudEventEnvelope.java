package dev.keystone.outbox.internal;

import dev.keystone.outbox.OutboxEvent;
import dev.keystone.platform.tracing.TraceContext;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.UUID;

/**
 * The published envelope: CloudEvents 1.0 in structured JSON mode (docs/outbox.md). The payload
 * ({@code data}) is the event record as JSON, its schema's version in {@code dataschema}
 * (docs/events.md); the aggregate version and the correlation id travel as the extensions {@code
 * aggregateversion} and {@code correlationid}, the writing request's trace context as the
 * distributed-tracing extension ({@code traceparent}, {@code tracestate}; docs/tracing.md).
 */
public final class CloudEventEnvelope {

  private static final Jsonb JSON = JsonbBuilder.create();

  /**
   * Looked up once: {@code Json.createValue} and friends look the provider up through the
   * ServiceLoader on every call, which a profile showed costing more than the RSA check itself.
   */
  private static final JsonProvider JSONP = JsonProvider.provider();

  /** What {@code dataschema} starts with; the type and {@code :v<version>} follow. */
  public static final String SCHEMA_PREFIX = "urn:keystone:schema:";

  private CloudEventEnvelope() {}

  /** The {@code dataschema} of an event: its type's schema, in the version the event follows. */
  public static String dataSchema(OutboxEvent event) {
    return SCHEMA_PREFIX + event.eventType() + ":v" + event.schemaVersion();
  }

  /**
   * The envelope of {@code event}, as the JSON text stored in the outbox and sent to Kafka. Written
   * as text around JSON-B's rendering of the event: parsing that rendering back into a tree only to
   * print it again cost a parse and a tree per write, on the request's thread.
   */
  public static String wrap(OutboxEvent event, UUID id, Instant time, String correlationId) {
    return wrap(event, id, time, correlationId, TraceContext.NONE);
  }

  /** As {@link #wrap(OutboxEvent, UUID, Instant, String)}, with the writer's trace context. */
  public static String wrap(
      OutboxEvent event, UUID id, Instant time, String correlationId, TraceContext trace) {
    var envelope =
        new StringBuilder(512)
            .append("{\"specversion\":\"1.0\",\"id\":")
            .append(quoted(id.toString()))
            .append(",\"type\":")
            .append(quoted(event.eventType()))
            .append(",\"source\":")
            .append(quoted("/keystone/" + event.aggregateType()))
            .append(",\"subject\":")
            .append(quoted(event.aggregateId()))
            .append(",\"time\":")
            .append(quoted(time.toString()))
            .append(",\"datacontenttype\":\"application/json\",\"dataschema\":")
            .append(quoted(dataSchema(event)))
            .append(",\"aggregateversion\":")
            .append(event.aggregateVersion());
    if (correlationId != null) {
      envelope.append(",\"correlationid\":").append(quoted(correlationId));
    }
    if (trace.traceparent() != null) {
      envelope.append(",\"traceparent\":").append(quoted(trace.traceparent()));
    }
    if (trace.tracestate() != null) {
      envelope.append(",\"tracestate\":").append(quoted(trace.tracestate()));
    }
    return envelope.append(",\"data\":").append(JSON.toJson(event)).append('}').toString();
  }

  /** {@code text} as a JSON string: quoted, with JSON-P's escaping. */
  private static String quoted(String text) {
    return JSONP.createValue(text).toString();
  }
}
