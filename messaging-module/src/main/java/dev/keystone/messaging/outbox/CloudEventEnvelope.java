package dev.keystone.messaging.outbox;

import dev.keystone.domain.shared.DomainEvent;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/**
 * The published envelope: CloudEvents 1.0 in structured JSON mode (DESIGN.md, "Events"). The
 * payload ({@code data}) is the event record as JSON; the aggregate version and the correlation id
 * travel as the extensions {@code aggregateversion} and {@code correlationid}.
 */
public final class CloudEventEnvelope {

  private static final Jsonb JSON = JsonbBuilder.create();

  /**
   * Looked up once: {@code Json.createReader} and friends look the provider up through the
   * ServiceLoader on every call, which a profile showed costing more than the RSA check itself.
   */
  private static final JsonProvider JSONP = JsonProvider.provider();

  private CloudEventEnvelope() {}

  /** The envelope of {@code event}, as the JSON text stored in the outbox and sent to Kafka. */
  public static String wrap(DomainEvent event, UUID id, Instant time, String correlationId) {
    var data = JSONP.createReader(new StringReader(JSON.toJson(event))).readObject();
    var envelope =
        JSONP
            .createObjectBuilder()
            .add("specversion", "1.0")
            .add("id", id.toString())
            .add("type", event.eventType())
            .add("source", "/keystone/" + event.aggregateType())
            .add("subject", event.aggregateId())
            .add("time", time.toString())
            .add("datacontenttype", "application/json")
            .add("aggregateversion", event.aggregateVersion());
    if (correlationId != null) {
      envelope.add("correlationid", correlationId);
    }
    return envelope.add("data", data).build().toString();
  }
}
