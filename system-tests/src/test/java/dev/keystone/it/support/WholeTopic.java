package dev.keystone.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An independent observer of what was published: a plain KafkaConsumer, no group, assigned every
 * partition of a topic and reading from the beginning to the end offsets it found when it started.
 * Unlike a reader that stops at an expected count, it sees every record up to that point, so
 * duplicates and unexpected records are counted too.
 */
public final class WholeTopic {

  private WholeTopic() {}

  /** Every record of {@code topic}, up to its end offsets as of now. */
  public static List<ConsumerRecord<String, String>> read(String topic, Duration wait) {
    var props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        KeystoneStack.get().devstack().endpoints().kafkaBootstrap());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "it-whole-topic-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var records = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      var partitions =
          consumer.partitionsFor(topic, wait).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions, wait);
      long deadline = System.nanoTime() + wait.toNanos();
      while (!atEnd(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "could not read " + topic + " to its end offsets " + ends + " within " + wait);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean atEnd(
      KafkaConsumer<String, String> consumer, java.util.Map<TopicPartition, Long> ends) {
    for (var end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
