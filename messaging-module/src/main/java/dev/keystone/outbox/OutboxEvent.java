package dev.keystone.outbox;

/**
 * What the outbox library publishes: a fact the application decided, "something happened" (docs/
 * architecture.md §2, Kafka stores facts, not state). Implementations are records that carry ids
 * and values, never JPA entities, plus the aggregate's version after the change so that consumers
 * can apply last-write-wins.
 *
 * <p>Fire it as a CDI event inside the JTA transaction of the change: the library observes it
 * twice, in the transaction (the outbox row) and after a successful commit (the relay to Kafka). It
 * is published as a CloudEvents 1.0 JSON record on topic {@code keystone.<aggregateType>} keyed by
 * {@link #aggregateId()} (docs/outbox.md).
 */
public interface OutboxEvent {

  /** The aggregate type, also the topic suffix, e.g. {@code product}. */
  String aggregateType();

  /** The aggregate id: the Kafka record key, so one aggregate's events stay in order. */
  String aggregateId();

  /** The aggregate's version after the change (its JPA {@code @Version}). */
  long aggregateVersion();

  /** The CloudEvents {@code type}, e.g. {@code dev.keystone.product.created}. */
  String eventType();

  /**
   * The major version of this type's data schema, published as the CloudEvents {@code dataschema}
   * {@code urn:keystone:schema:<type>:v<version>} (docs/events.md). Every type starts at 1; only an
   * incompatible change to the payload makes a new version, published beside the old one for a
   * deprecation window.
   */
  default int schemaVersion() {
    return 1;
  }
}
