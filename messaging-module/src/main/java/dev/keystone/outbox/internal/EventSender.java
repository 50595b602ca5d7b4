package dev.keystone.outbox.internal;

import java.util.concurrent.CompletionStage;

/**
 * Hands one outbox row to Kafka. A port, so that the relay and the sweeper can be tested against a
 * sender that acknowledges, fails or holds each record as the test says; {@link EmitterEventSender}
 * is the Reactive Messaging one.
 */
public interface EventSender {

  /**
   * Sends {@code record}'s CloudEvents JSON to its topic under its aggregate id.
   *
   * @return completes when the broker acknowledged the record, exceptionally when the send failed;
   *     the send may also throw at once (the producer refuses it)
   */
  CompletionStage<Void> send(OutboxRecord record);
}
