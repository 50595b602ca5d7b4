package dev.keystone.it.cluster;

import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of a topic, read by a plain consumer from the beginning of every partition to the
 * end offsets taken at the start of the read: nothing stops early at an expected count, so
 * duplicates and strays are seen too.
 */
final class WholeTopic {

  /** One published event: its key (the aggregate id), event id, aggregate version, position. */
  record Event(String key, UUID id, long version, int partition, long offset) {}

  private WholeTopic() {}

  static List<Event> read(String bootstrap, String topic, Set<String> keys) {
    var events = new ArrayList<Event>();
    for (var r : records(bootstrap, topic, r -> keys.contains(r.key()))) {
      var json = Json.createReader(new StringReader(r.value())).readObject();
      events.add(
          new Event(
              r.key(),
              UUID.fromString(json.getString("id")),
              json.getJsonNumber("aggregateversion").longValue(),
              r.partition(),
              r.offset()));
    }
    return events;
  }

  /** Every record of the topic that {@code filter} accepts, in the order read. */
  static List<ConsumerRecord<String, String>> records(
      String bootstrap, String topic, Predicate<ConsumerRecord<String, String>> filter) {
    var settings =
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2000);
    try (var consumer = new KafkaConsumer<String, String>(settings)) {
      var partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end =
          new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
      var records = new ArrayList<ConsumerRecord<String, String>>();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollDelay(Duration.ZERO)
          .until(
              () -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                  if (filter.test(r)) {
                    records.add(r);
                  }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
      return records;
    }
  }

  /**
   * Keys whose versions do not strictly increase along the partition (in offset order), first
   * copies of each event only.
   */
  static List<String> disorder(List<Event> events) {
    var last = new HashMap<String, Event>();
    var firsts = new java.util.HashSet<UUID>();
    var disorder = new ArrayList<String>();
    events.stream()
        .sorted(
            java.util.Comparator.comparingInt(Event::partition).thenComparingLong(Event::offset))
        .filter(e -> firsts.add(e.id())) // a re-sent event is counted as a duplicate instead
        .forEach(
            e -> {
              var previous = last.put(e.key(), e);
              if (previous != null && e.version() <= previous.version()) {
                disorder.add(e.key() + ": v" + previous.version() + " then v" + e.version());
              }
            });
    return disorder;
  }
}
