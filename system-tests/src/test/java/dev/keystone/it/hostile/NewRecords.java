package dev.keystone.it.hostile;

import dev.keystone.it.support.KeystoneStack;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The records that landed between two fingerprints, read by a plain consumer: key, type, aggregate
 * version, correlation id and time of each. When a batch of refusals is found to have changed the
 * topics, they name the writer (whose aggregate, which request) instead of leaving a bare count.
 */
final class NewRecords {

  private static final int MOST = 30;

  private NewRecords() {}

  /** The records at offsets from {@code before} up to {@code after}, per partition. */
  static List<String> between(Map<String, Long> before, Map<String, Long> after) {
    var lines = new ArrayList<String>();
    var props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        KeystoneStack.get().devstack().endpoints().kafkaBootstrap());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      for (var entry : after.entrySet()) {
        long from = before.getOrDefault(entry.getKey(), 0L);
        long to = entry.getValue();
        if (from >= to || entry.getKey().startsWith("__")) {
          continue;
        }
        int dash = entry.getKey().lastIndexOf('-');
        var tp =
            new TopicPartition(
                entry.getKey().substring(0, dash),
                Integer.parseInt(entry.getKey().substring(dash + 1)));
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (consumer.position(tp) < to && System.nanoTime() < deadline) {
          for (var r : consumer.poll(Duration.ofMillis(200))) {
            if (r.offset() < to && lines.size() < MOST) {
              lines.add(tp + "@" + r.offset() + " key " + r.key() + " " + describe(r.value()));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      lines.add("(could not read the new records: " + e + ")");
    }
    return lines;
  }

  private static String describe(String value) {
    try (var reader = Json.createReader(new StringReader(value))) {
      var e = reader.readObject();
      return e.getString("type", "?")
          + " v"
          + e.get("aggregateversion")
          + " correlation "
          + e.getString("correlationid", "-")
          + " at "
          + e.getString("time", "?");
    } catch (RuntimeException e) {
      return "(not an envelope)";
    }
  }
}
