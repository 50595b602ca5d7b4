package dev.keystone.messaging.kafka;

import java.util.List;

/**
 * Channel and topic names, in one place. One topic per aggregate type; the record key is the
 * aggregate id, so all events of one aggregate land in one partition, in order (seed §5.4).
 */
public final class Topics {

  /** The Reactive Messaging channel the relay emits on; configured in server.xml. */
  public static final String EVENTS_CHANNEL = "keystone-events";

  /** Every aggregate type that publishes events. */
  public static final List<String> AGGREGATE_TYPES = List.of("product", "customer", "order");

  private static final String PREFIX = "keystone.";

  private Topics() {}

  /** The topic of an aggregate type, e.g. {@code keystone.product}. */
  public static String forAggregate(String aggregateType) {
    return PREFIX + aggregateType;
  }
}
