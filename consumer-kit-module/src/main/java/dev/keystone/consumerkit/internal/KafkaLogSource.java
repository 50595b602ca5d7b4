package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.IncomingRecord;
import dev.keystone.platform.kafka.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link LogSource} on Kafka: a plain consumer without a group ({@code assign}, no commit), so that
 * it needs no reset of the consumer's group and does not disturb its members — Liberty's connector
 * gives an application no way to pause or seek its channels. The end offsets are read once, at the
 * start; records written later are the live deliveries, which the gate holds meanwhile.
 */
@ApplicationScoped
public class KafkaLogSource implements LogSource {

  private static final Duration POLL = Duration.ofMillis(500);

  @Inject
  @ConfigProperty(name = "KEYSTONE_KAFKA_BOOTSTRAP", defaultValue = "localhost:19092")
  String bootstrap;

  @Inject
  @ConfigProperty(name = "keystone.consumers.api-timeout-ms", defaultValue = "15000")
  int apiTimeoutMillis;

  @Override
  public void readToEnd(
      Collection<String> topics, Consumer<IncomingRecord> each, LongConsumer remaining) {
    try (var consumer =
        new KafkaConsumer<>(settings(), new StringDeserializer(), new StringDeserializer())) {
      var partitions = new ArrayList<TopicPartition>();
      for (var topic : topics) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
      var open = new ArrayList<TopicPartition>();
      for (var p : partitions) {
        if (consumer.position(p) < ends.get(p)) {
          open.add(p);
        }
      }
      consumer.pause(partitions.stream().filter(p -> !open.contains(p)).toList());
      while (!open.isEmpty()) {
        remaining.accept(left(consumer, open, ends));
        for (var r : consumer.poll(POLL)) {
          var p = new TopicPartition(r.topic(), r.partition());
          if (r.offset() < ends.get(p)) {
            each.accept(
                new IncomingRecord(
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    r.key() == null ? "" : r.key(),
                    r.value()));
          }
        }
        var done = open.stream().filter(p -> consumer.position(p) >= ends.get(p)).toList();
        consumer.pause(done);
        open.removeAll(done);
      }
      remaining.accept(0);
    }
  }

  private static long left(
      KafkaConsumer<String, String> consumer,
      Collection<TopicPartition> open,
      Map<TopicPartition, Long> ends) {
    long left = 0;
    for (var p : open) {
      left += Math.max(0, ends.get(p) - consumer.position(p));
    }
    return left;
  }

  private Map<String, Object> settings() {
    var settings = new HashMap<String, Object>();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "keystone-rebuild");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMillis);
    return KafkaClientSecurity.with(settings);
  }
}
