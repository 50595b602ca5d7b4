package dev.keystone.it.consumers;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event as the producer publishes it: a CloudEvents 1.0 structured JSON envelope
 * (docs/outbox.md, "Events"), keyed by aggregate id, on the aggregate's topic. Built here from the
 * published schema, not from the producer's classes.
 */
record ShopEvent(
    String topic, String key, UUID id, String type, long version, Instant time, JsonObject data) {

  /** The envelope of a new event of {@code dev.keystone.<aggregate>.<name>}. */
  static ShopEvent of(String aggregate, String name, String id, long version, JsonObject data) {
    return new ShopEvent(
        "keystone." + aggregate,
        id,
        UUID.randomUUID(),
        "dev.keystone." + aggregate + "." + name,
        version,
        Instant.now(),
        data);
  }

  /**
   * The record value: the envelope as JSON text, without {@code dataschema} — the form the producer
   * published before event types stated their schema version (docs/events.md).
   */
  String json() {
    return json(Map.of());
  }

  /**
   * The record value with more envelope attributes after the standard ones: a {@code dataschema},
   * or attributes this consumer does not know.
   */
  String json(Map<String, JsonValue> attributes) {
    var aggregate = topic.substring("keystone.".length());
    var envelope =
        Json.createObjectBuilder()
            .add("specversion", "1.0")
            .add("id", id.toString())
            .add("type", type)
            .add("source", "/keystone/" + aggregate)
            .add("subject", key)
            .add("time", time.toString())
            .add("datacontenttype", "application/json")
            .add("aggregateversion", version)
            .add("correlationid", "it-" + id);
    attributes.forEach(envelope::add);
    return envelope.add("data", data).build().toString();
  }
}
