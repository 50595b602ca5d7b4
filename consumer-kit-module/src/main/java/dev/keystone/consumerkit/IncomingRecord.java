package dev.keystone.consumerkit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Where a message came from: Liberty's connector exposes the Kafka record through {@code
 * Message.unwrap}, which the kit needs for the key (parking is per key) and the position
 * (dead-letter headers).
 *
 * @param key the record key, the aggregate id; {@code ""} when the record has none
 */
public record IncomingRecord(String topic, int partition, long offset, String key, String value) {

  /** The record behind {@code message}. */
  public static IncomingRecord of(Message<String> message) {
    ConsumerRecord<?, ?> record = message.unwrap(ConsumerRecord.class);
    return new IncomingRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key() == null ? "" : record.key().toString(),
        message.getPayload());
  }
}
