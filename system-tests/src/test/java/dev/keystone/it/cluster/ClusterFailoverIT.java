package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Keystone on the cluster stack with a Kafka partition leader crashed under writes, the way Kafka's
 * own replication tests do it: acknowledged − published = ∅. The outcome is counted as sets from
 * independent observers: the writes the API acknowledged, the rows in PostgreSQL, the whole topic
 * read by a plain consumer, and the audit consumer's rows.
 */
@Tag("fault")
@TestMethodOrder(OrderAnnotation.class)
class ClusterFailoverIT {
  private static final String TOPIC = "keystone.product";
  private static ClusterStack cluster;
  private static ClusterShop shop;

  @BeforeAll
  static void startCluster() {
    cluster = ClusterStack.get();
    shop = new ClusterShop(cluster);
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.engines.endpoints().kafkaBootstrap()));
  }

  @Test
  @Order(1)
  void theOutboxsTopicsAreReplicatedThreeTimesWithTwoInSync() throws Exception {
    try (var admin = admin()) {
      var topics = List.of("keystone.product", "keystone.customer", "keystone.order");
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(admin.describeTopics(topics).allTopicNames().get().values())
                      .hasSize(3)
                      .allSatisfy(
                          t ->
                              assertThat(t.partitions())
                                  .allSatisfy(p -> assertThat(p.replicas()).hasSize(3))));
      var broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
      var config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
      assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
    }
  }

  @Test
  @Order(2)
  void aPartitionLeaderKilledUnderWritesLosesNothingAndKeepsOrder() throws Exception {
    int productCount = Faults.full() ? 100 : 25;
    int adjustments = Faults.full() ? 5_000 : 500;
    var duration = Duration.ofSeconds(Faults.full() ? 100 : 25);
    var products = shop.createProducts(productCount);
    int victim;
    long killedAt;
    long publishedAgainAt;
    int backlogAtRestart;
    try (var stream = AdjustmentStream.start(cluster.api, products, adjustments, duration)) {
      await().atMost(Duration.ofSeconds(120)).until(() -> stream.answered() >= adjustments / 3);
      victim = leaderOf(0);
      var node = cluster.engines.kafkaNodes().get(victim - 1);
      // A product whose events go to the victim's partition: when its next event is published,
      // that partition has a new leader and the relay has found it.
      var probe = products.stream().filter(p -> partitionOf(p) == 0).findFirst().orElseThrow();
      node.kill();
      killedAt = System.nanoTime();
      assertThat(node.isRunning()).as("the leader's process is gone").isFalse();
      var write =
          cluster.api.post(
              "/api/products/" + probe + "/stock-adjustments",
              "{\"delta\":1,\"reason\":\"probe\"}");
      assertThat(write.status()).as(write.toString()).isEqualTo(200);
      shop.acknowledge(probe + ":" + write.json().getJsonNumber("version").longValue());
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> shop.unpublished(List.of(probe)) == 0);
      publishedAgainAt = System.nanoTime();
      assertThat(leaderOf(0)).as("partition 0 has a new leader").isNotEqualTo(victim);
      await().atMost(Duration.ofSeconds(120)).until(() -> stream.answered() >= 2 * adjustments / 3);
      backlogAtRestart = shop.unpublished(products);
      node.start();
      await().atMost(Duration.ofSeconds(180)).until(stream::finished);
      assertThat(stream.serverErrors()).as("5xx while a broker was down").isZero();
      assertThat(stream.unanswered()).isZero();
      var tally = ClusterTally.of(cluster, shop, products, stream.acknowledged());
      FaultReport.of(
              "Kafka partition leader SIGKILLed under writes, cluster of 3 (RF 3, min ISR 2)")
          .accepted(tally.acknowledged().size())
          .published(tally.published().size())
          .applied(tally.audited())
          .lost(tally.lost().size())
          .serverErrors(stream.serverErrors())
          .detail(
              "node %d of 3 killed under %d stock adjustments of %d products, restarted later;"
                  + " %s; published again %.1f s after the kill; outbox backlog at the restart"
                  + " %d; other 4xx %d",
              victim,
              adjustments,
              productCount,
              tally.figures(),
              (publishedAgainAt - killedAt) / 1e9,
              backlogAtRestart,
              stream.otherStatus())
          .print();
      assertThat(tally.acknowledged()).hasSizeGreaterThan(adjustments * 9 / 10);
      tally.assertSafe();
    }
  }

  @Test
  @Order(3)
  void theRedisPrimaryKilledUnderReadsOnBothServersCostsNoErrorAndHitsComeBack() throws Exception {
    var products = shop.createProducts(20);
    var servers = List.of(cluster.api, cluster.apiB);
    for (var id : products) {
      for (var api : servers) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    "keystone; hit".equals(api.get("/api/products/" + id).header("Cache-Status")));
      }
    }
    var primary = cluster.engines.redisNodes().get(0);
    var changed = products.get(0);
    List<Supplier<Api>> routes = List.of(() -> cluster.api, () -> cluster.apiB);
    try (var load = ReadLoad.start(routes, products, 2)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.reads().size() > 200);
      primary.kill();
      long killedAt = System.nanoTime();
      assertThat(primary.isRunning()).as("the primary's process is gone").isFalse();
      var replica = cluster.engines.redisNodes().get(1);
      var write =
          cluster.api.post(
              "/api/products/" + changed + "/stock-adjustments",
              "{\"delta\":5,\"reason\":\"failover\"}");
      assertThat(write.status()).as(write.toString()).isEqualTo(200);
      long written = System.nanoTime();
      int stock = write.json().getInt("stock");
      long after = killedAt + Duration.ofSeconds(1).toNanos();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> load.hitSince(0, after) && load.hitSince(1, after));
      try (var sentinel =
          new redis.clients.jedis.Jedis("localhost", cluster.engines.sentinels().get(0).port())) {
        assertThat(sentinel.sentinelGetMasterAddrByName("keystone").get(1))
            .as("the Sentinels promoted the replica")
            .isEqualTo(Integer.toString(replica.port()));
      }
      // When each server first answers the new stock, polled side by side.
      long[] seen = {0, 0};
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                for (int i = 0; i < 2; i++) {
                  if (seen[i] == 0
                      && servers.get(i).get("/api/products/" + changed).json().getInt("stock")
                          == stock) {
                    seen[i] = System.nanoTime();
                  }
                }
                return seen[0] > 0 && seen[1] > 0;
              });
      var reads = load.reads();
      var figures = new StringBuilder();
      long errors = 0;
      for (int route = 0; route < 2; route++) {
        int r = route;
        var mine = reads.stream().filter(x -> x.route() == r).toList();
        long lastHitBefore =
            mine.stream()
                .filter(x -> x.atNanos() < killedAt && x.hit())
                .mapToLong(ReadLoad.Read::atNanos)
                .max()
                .orElse(killedAt);
        long firstHitAfter =
            mine.stream()
                .filter(x -> x.atNanos() > killedAt && x.hit())
                .mapToLong(ReadLoad.Read::atNanos)
                .min()
                .orElseThrow();
        errors += mine.stream().filter(x -> x.status() >= 500 || x.status() < 0).count();
        figures.append(
            String.format(
                java.util.Locale.ROOT,
                "; server %s: %d reads, no hits for %.1f s, the write read back %.1f s after it"
                    + " answered",
                r == 0 ? "a" : "b",
                mine.size(),
                (firstHitAfter - lastHitBefore) / 1e9,
                (seen[r] - written) / 1e9));
      }
      double apart = Math.abs(seen[0] - seen[1]) / 1e9;
      FaultReport.of("Redis primary SIGKILLed under reads on two application servers, 3 Sentinels")
          .serverErrors(errors)
          .detail(
              "%d reads by 2 readers per server%s; the servers first showed the write %.2f s"
                  + " apart",
              reads.size(), figures, apart)
          .print();
      assertThat(errors).as("5xx or no answer").isZero();
      // the near cache's staleness bound (docs/cache.md): 1 s, plus the polling's own 0.5 s
      assertThat(apart).as("seconds between the two servers showing the write").isLessThan(1.5);
    } finally {
      primary.start();
    }
  }

  private static int leaderOf(int partition) throws Exception {
    try (var admin = admin()) {
      var leader =
          admin
              .describeTopics(List.of(TOPIC))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(TOPIC)
              .partitions()
              .get(partition)
              .leader();
      return leader == null ? -1 : leader.id();
    }
  }

  /** The partition Kafka's default partitioner gives a key (murmur2, as the relay's producer). */
  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
  }
}
