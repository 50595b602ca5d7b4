package dev.keystone.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for reading what the application published, straight off the topic, and for
 * injecting records (duplicates, poison) as a misbehaving producer would.
 */
public final class Topics {

  private Topics() {}

  private static String bootstrap() {
    return KeystoneStack.get().devstack().endpoints().kafkaBootstrap();
  }

  /** Every record of {@code topic} from the beginning that matches, polling until {@code wait}. */
  public static List<ConsumerRecord<String, String>> read(
      String topic, Predicate<ConsumerRecord<String, String>> filter, int expected, Duration wait) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    var found = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + wait.toNanos();
      while (found.size() < expected && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (filter.test(record)) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  /**
   * Every record of {@code topic}: all its partitions, each from its beginning to its end offset as
   * taken at this call (so after the test's convergence), not up to an expected count, so records
   * beyond what a test expects (duplicates, strays) are read too. Fails if the end is not reached
   * within {@code wait}.
   */
  public static List<ConsumerRecord<String, String>> readToEnd(String topic, Duration wait) {
    return readToEnd(bootstrap(), topic, wait);
  }

  /** {@link #readToEnd(String, Duration)} on another broker than the run's (the cluster's). */
  public static List<ConsumerRecord<String, String>> readToEnd(
      String bootstrap, String topic, Duration wait) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    var found = new ArrayList<ConsumerRecord<String, String>>();
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
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("did not read " + topic + " to " + ends + " in " + wait);
        }
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < ends.get(new TopicPartition(topic, record.partition()))) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  /** Sends one record and returns where it landed. */
  public static RecordMetadata send(String topic, String key, String value) throws Exception {
    var props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions unless it exists, as an operator would
   * before an application publishes to it.
   */
  public static void create(String topic, int partitions) throws Exception {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
        admin
            .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
            .all()
            .get(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The offset a consumer group has committed on a partition, or -1. */
  public static long committedOffset(String group, TopicPartition partition) throws Exception {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      var offset = offsets.get(partition);
      return offset == null ? -1 : offset.offset();
    }
  }
}
