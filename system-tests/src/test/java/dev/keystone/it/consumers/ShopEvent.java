package dev.keystone.it.consumers;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
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

  /** The record value: the envelope as JSON text. */
  String json() {
    var aggregate = topic.substring("keystone.".length());
    return Json.createObjectBuilder()
        .add("specversion", "1.0")
        .add("id", id.toString())
        .add("type", type)
        .add("source", "/keystone/" + aggregate)
        .add("subject", key)
        .add("time", time.toString())
        .add("datacontenttype", "application/json")
        .add("aggregateversion", version)
        .add("correlationid", "it-" + id)
        .add("data", data)
        .build()
        .toString();
  }
}
