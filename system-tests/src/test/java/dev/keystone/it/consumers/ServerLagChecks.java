package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.PrometheusText;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code keystone_consumer_lag{group,topic,partition}} against the group offsets read here with a
 * Kafka Admin client: every server reports each group's own figure (docs/operations.md#metrics).
 */
final class ServerLagChecks {

  private ServerLagChecks() {}

  /** Once the groups are quiet, each server's lag series of each group equal Kafka's figures. */
  static void assertLagMatchesTheGroups(
      EventFeed feed, Supplier<List<PrometheusText>> scrape, List<String> consumers) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var servers = scrape.get();
              for (var consumer : consumers) {
                var group = "keystone-" + consumer;
                var kafka = feed.lag(group);
                assertThat(kafka).as(group + " committed offsets").isNotEmpty();
                for (var server : servers) {
                  assertThat(series(server, group)).as(group).isEqualTo(kafka);
                }
              }
            });
  }

  /**
   * A group that committed offset 0 and has no member keeps its lag: the whole partition, on both
   * servers, as Kafka says; deleted, its series disappear.
   */
  static void assertAProbeGroupsLag(
      EventFeed feed, Supplier<List<PrometheusText>> scrape, String group) throws Exception {
    var ends = feed.endOffsets("keystone.order");
    var zero = new HashMap<TopicPartition, Long>();
    ends.keySet().forEach(p -> zero.put(p, 0L));
    feed.commit(group, zero);
    try {
      var kafka = feed.lag(group);
      assertThat(kafka.values().stream().mapToLong(Long::longValue).sum())
          .as("records on keystone.order")
          .isPositive();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                for (var server : scrape.get()) {
                  assertThat(series(server, group)).isEqualTo(kafka);
                }
              });
    } finally {
      feed.deleteGroup(group);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (var server : scrape.get()) {
                assertThat(series(server, group)).isEmpty();
              }
            });
  }

  /** One server's lag series of {@code group}, by partition. */
  private static Map<TopicPartition, Long> series(PrometheusText server, String group) {
    var lag = new HashMap<TopicPartition, Long>();
    for (var s : server.samples("keystone_consumer_lag", Map.of("group", group))) {
      var partition =
          new TopicPartition(
              s.labels().get("topic"), Integer.parseInt(s.labels().get("partition")));
      assertThat(lag.put(partition, Math.round(s.value()))).as("one series per partition").isNull();
    }
    return lag;
  }
}
