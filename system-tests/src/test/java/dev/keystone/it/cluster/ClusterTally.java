package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Jepsen's set checker over one write stream, from independent observers: the writes the API
 * acknowledged ({@code <id>:<version>}), the versions PostgreSQL committed, the whole topic read by
 * a plain consumer, and the audit consumer's rows.
 */
record ClusterTally(
    Set<String> acknowledged,
    Set<String> committed,
    Set<String> published,
    int records,
    int duplicatedOnTopic,
    Set<String> lost,
    Set<String> unexpected,
    List<String> disorder,
    int audited) {

  /** Waits until the outbox is drained and every event audited, then counts. */
  static ClusterTally of(
      ClusterStack cluster, ClusterShop shop, List<String> products, Set<String> streamAcks)
      throws SQLException {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> shop.unpublished(products) == 0);
    var acknowledged = new HashSet<>(streamAcks);
    acknowledged.addAll(shop.created());
    acknowledged.removeIf(a -> !products.contains(a.substring(0, a.indexOf(':'))));
    var committed = shop.committedVersions(products);
    var events =
        WholeTopic.read(
            cluster.engines.endpoints().kafkaBootstrap(), "keystone.product", Set.copyOf(products));
    var published =
        events.stream().map(e -> e.key() + ":" + e.version()).collect(Collectors.toSet());
    Set<UUID> eventIds = events.stream().map(WholeTopic.Event::id).collect(Collectors.toSet());
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> shop.audited(eventIds).size() == eventIds.size());
    return new ClusterTally(
        acknowledged,
        committed,
        published,
        events.size(),
        events.size() - eventIds.size(),
        minus(acknowledged, published),
        minus(published, committed),
        WholeTopic.disorder(events),
        shop.audited(eventIds).size());
  }

  /** lost 0, unexpected 0, per-key order, every committed version published and audited. */
  void assertSafe() {
    assertThat(lost).as("lost").isEmpty();
    assertThat(unexpected).as("unexpected").isEmpty();
    assertThat(disorder).as("per-key order").isEmpty();
    assertThat(published).as("every committed version is published").isEqualTo(committed);
    assertThat(audited).as("every published event audited").isEqualTo(published.size());
  }

  String figures() {
    return "committed %d, records %d, duplicated on topic %d, unexpected %d, out of order %d"
        .formatted(
            committed.size(), records, duplicatedOnTopic, unexpected.size(), disorder.size());
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    var rest = new HashSet<>(a);
    rest.removeAll(b);
    return rest;
  }
}
