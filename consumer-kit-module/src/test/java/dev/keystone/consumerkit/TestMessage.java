package dev.keystone.consumerkit;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A message as Liberty's Kafka connector delivers it: the record behind it through {@link #unwrap},
 * and acks and nacks counted.
 */
final class TestMessage implements Message<String> {

  private final ConsumerRecord<String, String> record;
  final AtomicInteger acks = new AtomicInteger();
  final AtomicInteger nacks = new AtomicInteger();

  TestMessage(String topic, long offset, String key, String value) {
    this.record = new ConsumerRecord<>(topic, 0, offset, key, value);
  }

  /** A CloudEvents value of the shop's product events, as the outbox publishes it. */
  static String event(UUID id, String productId, long version) {
    return """
        {"specversion":"1.0","id":"%s","type":"dev.keystone.product.changed",
         "source":"/keystone/product","subject":"%s","time":"2026-12-04T10:00:00Z",
         "aggregateversion":%d,"data":{"productId":"%s"}}
        """
        .formatted(id, productId, version, productId);
  }

  @Override
  public String getPayload() {
    return record.value();
  }

  @Override
  public CompletionStage<Void> ack() {
    acks.incrementAndGet();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> nack(Throwable reason) {
    nacks.incrementAndGet();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public <C> C unwrap(Class<C> type) {
    return type.cast(record);
  }
}
