package dev.keystone.domain.shared;

/**
 * A fact the application service decided: "something happened" (seed §2, Kafka stores facts, not
 * state). Implementations are records that carry ids and values, never JPA entities, plus the
 * aggregate's {@code @Version} after the change so that consumers can apply last-write-wins.
 *
 * <p>Fired as a CDI event inside the JTA transaction of the change. messaging-module observes it
 * twice: in the transaction (outbox row) and after a successful commit (relay to Kafka).
 */
public interface DomainEvent {

  /**
   * The aggregate type, also the topic suffix: {@code product}, {@code customer}, {@code order}.
   */
  String aggregateType();

  /** The aggregate id: the Kafka record key, so one aggregate's events stay in order. */
  String aggregateId();

  /** The aggregate's JPA version after the change. */
  long aggregateVersion();

  /** The past-tense event name in the CloudEvents type, e.g. {@code created}. */
  String eventName();

  /** The CloudEvents type, e.g. {@code dev.keystone.product.created}. */
  default String eventType() {
    return "dev.keystone." + aggregateType() + "." + eventName();
  }
}
