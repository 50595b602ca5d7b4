package dev.keystone.domain.shared;

import dev.keystone.outbox.OutboxEvent;

/**
 * A fact the application service decided: "something happened" (docs/architecture.md §2, Kafka
 * stores facts, not state). Implementations are records that carry ids and values, never JPA
 * entities, plus the aggregate's {@code @Version} after the change so that consumers can apply
 * last-write-wins.
 *
 * <p>Fired as a CDI event inside the JTA transaction of the change; the outbox library
 * (messaging-module) observes it through {@link OutboxEvent}.
 */
public interface DomainEvent extends OutboxEvent {

  /** The past-tense event name in the CloudEvents type, e.g. {@code created}. */
  String eventName();

  /** The CloudEvents type, e.g. {@code dev.keystone.product.created}. */
  @Override
  default String eventType() {
    return "dev.keystone." + aggregateType() + "." + eventName();
  }
}
