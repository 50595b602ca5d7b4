package dev.keystone.it.consumers;

import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the topics as the producer would (one idempotent producer, keyed records),
 * and the operator's Kafka tools the tests need: topic creation, group lag, group offsets.
 */
final class EventFeed implements AutoCloseable {

  static final Set<String> TOPICS =
      Set.of("keystone.product", "keystone.customer", "keystone.order");

  private final KafkaProducer<String, String> producer;
  private final Admin admin;

  EventFeed() {
    var bootstrap = KeystoneStack.get().devstack().endpoints().kafkaBootstrap();
    var props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    ensureTopics();
  }

  /** Sends the events in this order and waits for every acknowledgement. */
  void publish(List<ShopEvent> events) throws Exception {
    var sends = events.stream().map(this::send).toList();
    for (var f : sends) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  java.util.concurrent.Future<?> send(ShopEvent e) {
    return producer.send(new ProducerRecord<>(e.topic(), e.key(), e.json()));
  }

  /** Sends a raw value, as a broken producer would. */
  void publishRaw(String topic, String key, String value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
  }

  /** The application's topics with 3 partitions, whichever test (or the EAR) comes first. */
  private void ensureTopics() {
    try {
      var existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      var missing =
          TOPICS.stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, 3, (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** True once {@code group} has committed every partition of {@code topics} up to its end. */
  boolean caughtUp(String group, Set<String> topics) throws Exception {
    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    var ends = endOffsets(topics, OffsetSpec.latest());
    for (var end : ends.entrySet()) {
      var c = committed.get(end.getKey());
      if (end.getValue() > 0 && (c == null || c.offset() < end.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Commits {@code offsets} for {@code group}, a group without members (an operator's tool). */
  void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
    var commits = new HashMap<TopicPartition, OffsetAndMetadata>();
    offsets.forEach((p, o) -> commits.put(p, new OffsetAndMetadata(o)));
    admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
  }

  /** Deletes {@code group} (it must have no members). */
  void deleteGroup(String group) throws Exception {
    admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
  }

  /**
   * The lag of {@code group} as Kafka's tools compute it: per partition it committed, the end
   * offset minus the committed offset.
   */
  Map<TopicPartition, Long> lag(String group) throws Exception {
    var committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    var topics = new java.util.HashSet<String>();
    committed.keySet().forEach(p -> topics.add(p.topic()));
    var ends =
        topics.isEmpty() ? Map.<TopicPartition, Long>of() : endOffsets(topics, OffsetSpec.latest());
    var lag = new HashMap<TopicPartition, Long>();
    committed.forEach(
        (p, o) -> {
          if (o != null && ends.containsKey(p)) {
            lag.put(p, Math.max(0, ends.get(p) - o.offset()));
          }
        });
    return lag;
  }

  /** The end offset of every partition of {@code topic}. */
  Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    return endOffsets(Set.of(topic), OffsetSpec.latest());
  }

  /** How many members {@code group} has right now. */
  int members(String group) throws Exception {
    return admin
        .describeConsumerGroups(List.of(group))
        .all()
        .get(10, TimeUnit.SECONDS)
        .get(group)
        .members()
        .size();
  }

  private Map<TopicPartition, Long> endOffsets(Set<String> topics, OffsetSpec spec)
      throws Exception {
    var request = new HashMap<TopicPartition, OffsetSpec>();
    for (var d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
      d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), spec));
    }
    var result = new HashMap<TopicPartition, Long>();
    admin
        .listOffsets(request)
        .all()
        .get(10, TimeUnit.SECONDS)
        .forEach((p, info) -> result.put(p, info.offset()));
    return result;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
