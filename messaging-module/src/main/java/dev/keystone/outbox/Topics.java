package dev.keystone.outbox;

import java.util.List;

/**
 * Channel and topic names, in one place. One topic per aggregate type; the record key is the
 * aggregate id, so all events of one aggregate land in one partition, in order
 * (docs/architecture.md §5.4).
 */
public final class Topics {

  /** The Reactive Messaging channel the relay emits on; configured in server.xml. */
  public static final String EVENTS_CHANNEL = "keystone-events";

  /** Every aggregate type that publishes events. */
  public static final List<String> AGGREGATE_TYPES = List.of("product", "customer", "order");

  /**
   * The MP Config key of the topic names' prefix. Only a deployment that must not mix its events
   * with the default one's on a shared cluster changes it (a second deployment, an isolated node);
   * consumers' channel topics (consumers.xml) must then match.
   */
  public static final String PREFIX_KEY = "keystone.kafka.topic-prefix";

  /** The default prefix: the topics of the published language (docs/asyncapi.yaml). */
  public static final String DEFAULT_PREFIX = "keystone.";

  private Topics() {}

  /** The topic of an aggregate type, e.g. {@code keystone.product}. */
  public static String forAggregate(String aggregateType) {
    return forAggregate(DEFAULT_PREFIX, aggregateType);
  }

  /** The topic of an aggregate type under {@code prefix}. */
  public static String forAggregate(String prefix, String aggregateType) {
    return prefix + aggregateType;
  }
}
