package dev.keystone.consumerkit.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The kit's outcomes as MicroProfile Metrics (application scope), one counter per consumer and
 * outcome: {@code keystone_consumer_{applied,duplicates,parked,dead_lettered}_total{consumer="…"}}
 * (docs/operations.md#metrics). They count this server's deliveries only; a consumer group spread
 * over several servers is the sum of theirs. Counters are looked up once per consumer, never per
 * message.
 */
@ApplicationScoped
public class ConsumerMetrics implements OutcomeCounters {

  @Inject MetricRegistry registry;

  private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

  @Override
  public void count(String consumer, Outcome outcome) {
    counters.computeIfAbsent(consumer, this::register)[outcome.ordinal()].inc();
  }

  private Counter[] register(String consumer) {
    var outcomes = Outcome.values();
    var array = new Counter[outcomes.length];
    for (var o : outcomes) {
      array[o.ordinal()] =
          registry.counter(
              Metadata.builder().withName(name(o)).withDescription(description(o)).build(),
              new Tag("consumer", consumer));
    }
    return array;
  }

  /** {@code keystone.consumer.duplicates} etc.: what Prometheus shows with {@code _total}. */
  static String name(Outcome outcome) {
    return switch (outcome) {
      case APPLIED -> "keystone.consumer.applied";
      case DUPLICATE -> "keystone.consumer.duplicates";
      case PARKED -> "keystone.consumer.parked";
      case DEAD_LETTERED -> "keystone.consumer.dead.lettered";
      case HELD -> "keystone.consumer.held";
    };
  }

  private static String description(Outcome outcome) {
    return switch (outcome) {
      case APPLIED -> "Messages whose effect this server applied";
      case DUPLICATE -> "Messages skipped as duplicates (event id already processed)";
      case PARKED -> "Messages parked behind a dead-lettered message of the same key";
      case DEAD_LETTERED ->
          "Messages that failed every attempt (or were malformed): dead-lettered and parked";
      case HELD -> "Messages held while their consumer was rebuilt from the log";
    };
  }
}
