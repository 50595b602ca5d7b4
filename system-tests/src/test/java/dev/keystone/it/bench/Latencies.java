package dev.keystone.it.bench;

import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Commit→consumer latencies, measured outside Gatling: from a 201's arrival ({@link Acks}) to a
 * plain Kafka consumer's first receipt of the record with that key, or to the audit consumer's row
 * in {@code consumers.audit_log} ({@code recorded_at}, PostgreSQL's clock on this machine).
 */
final class Latencies {

  /** p50/p99/max in milliseconds over {@code n} matched writes of {@code of} acked. */
  record Summary(int n, int of, double p50, double p99, double max) {
    static Summary of(List<Long> micros, int acked) {
      long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Summary(
          sorted.length, acked, pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 1.0));
    }

    private static double pct(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
      return sorted[Math.max(0, i)] / 1000.0;
    }
  }

  private Latencies() {}

  /** A plain consumer of one topic, recording when each key was first seen. */
  static final class TopicWatch implements AutoCloseable {
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean assigned = new AtomicBoolean();
    private final Thread thread;

    TopicWatch(String topic) {
      this(topic, KeystoneStack.get().devstack().endpoints().kafkaBootstrap());
    }

    /** A watch on another broker than the run's (the cluster phase's three-node Kafka). */
    TopicWatch(String topic, String bootstrap) {
      var props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      thread =
          new Thread(
              () -> {
                try (var consumer =
                    new KafkaConsumer<>(
                        props, new StringDeserializer(), new StringDeserializer())) {
                  consumer.subscribe(List.of(topic));
                  while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(20));
                    long now = System.nanoTime();
                    records.forEach(r -> seen.putIfAbsent(r.key(), now));
                    assigned.set(!consumer.assignment().isEmpty());
                  }
                }
              },
              "bench-topic-watch");
      thread.setDaemon(true);
      thread.start();
      Awaitility.await("consumer assigned").atMost(Duration.ofMinutes(2)).until(assigned::get);
    }

    /** Waits (up to two minutes) until every acked key was seen; then the latencies. */
    Summary latencies(Map<String, Acks.Ack> acked) {
      try {
        Awaitility.await("every acked write on the topic")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> seen.keySet().containsAll(acked.keySet()));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        System.out.println("BENCH not every acked write reached the topic in 2 min");
      }
      var micros = new ArrayList<Long>();
      acked.forEach(
          (id, ack) -> {
            var at = seen.get(id);
            if (at != null) {
              micros.add(Math.max(0, at - ack.nanos()) / 1000);
            }
          });
      return Summary.of(micros, acked.size());
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join(10_000);
    }
  }

  /** 201 → the audit consumer's row for each acked order (waits up to two minutes for them). */
  static Summary audit(Map<String, Acks.Ack> acked) throws SQLException {
    var ids = acked.keySet().toArray(String[]::new);
    try {
      Awaitility.await("every acked order in the audit log")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> recorded(ids).size() >= ids.length);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("BENCH not every acked order reached the audit log in 2 min");
    }
    var micros = new ArrayList<Long>();
    recorded(ids)
        .forEach(
            (id, at) -> {
              long recorded = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, at.toInstant());
              micros.add(Math.max(0, recorded - acked.get(id).epochMicros()));
            });
    return Summary.of(micros, ids.length);
  }

  private static Map<String, Timestamp> recorded(String[] ids) throws SQLException {
    var rows = new ConcurrentHashMap<String, Timestamp>();
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select aggregate_id, min(recorded_at) from consumers.audit_log"
                    + " where aggregate_type = 'order' and aggregate_id = any(?)"
                    + " group by aggregate_id")) {
      s.setArray(1, c.createArrayOf("varchar", ids));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getTimestamp(2));
        }
      }
    }
    return rows;
  }
}
