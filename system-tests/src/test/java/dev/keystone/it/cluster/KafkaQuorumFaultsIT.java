package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.ManagedService;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cluster's Kafka quorum losing more than a leader: two of three nodes crashed at once (the
 * writes wait in the outbox until {@code min.insync.replicas} is met again), and a leader frozen
 * with SIGSTOP, as a long GC pause or a hung disk freezes it. Counted as in {@link
 * ClusterFailoverIT}: sets from the API's answers, PostgreSQL, the whole topic and the audit rows.
 */
@Tag("fault")
class KafkaQuorumFaultsIT {
  private static ClusterStack cluster;
  private static ClusterShop shop;

  @BeforeAll
  static void startCluster() {
    cluster = ClusterStack.get();
    shop = new ClusterShop(cluster);
  }

  @Test
  void twoOfThreeNodesDownHoldTheWritesInTheOutboxUntilTheQuorumIsBack() throws Exception {
    var products = shop.createProducts(10);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> shop.unpublished(products) == 0);
    var down = List.of(cluster.engines.kafkaNodes().get(1), cluster.engines.kafkaNodes().get(2));
    down.forEach(ManagedService::kill);
    assertThat(down).as("both processes are gone").noneMatch(ManagedService::isRunning);
    int writes = Faults.full() ? 400 : 60;
    var acknowledged = new HashSet<String>();
    long serverErrors = 0;
    for (int i = 0; i < writes; i++) {
      var reply =
          cluster.api.post(
              "/api/products/" + products.get(i % products.size()) + "/stock-adjustments",
              "{\"delta\":1,\"reason\":\"quorum lost\"}");
      if (reply.status() == 200) {
        acknowledged.add(
            products.get(i % products.size()) + ":" + reply.json().getJsonNumber("version"));
      } else if (reply.status() >= 500) {
        serverErrors++;
      }
    }
    // Nothing may be published while one replica alone is in sync: the rows stay unpublished.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(30))
        .until(() -> shop.unpublished(products) == acknowledged.size());
    long restartedAt = System.nanoTime();
    down.forEach(ManagedService::start);
    var tally = ClusterTally.of(cluster, shop, products, acknowledged);
    double drainedSeconds = (System.nanoTime() - restartedAt) / 1e9;
    FaultReport.of("Two of three Kafka nodes SIGKILLed, cluster of 3 (RF 3, min ISR 2)")
        .accepted(tally.acknowledged().size())
        .published(tally.published().size())
        .applied(tally.audited())
        .lost(tally.lost().size())
        .serverErrors(serverErrors)
        .detail(
            "%d writes while two nodes were down, all held unpublished in the outbox; %s; the"
                + " backlog published and audited %.1f s after both nodes were started again",
            writes, tally.figures(), drainedSeconds)
        .print();
    assertThat(serverErrors).as("5xx").isZero();
    assertThat(acknowledged).as("writes go on while Kafka cannot take them").hasSize(writes);
    tally.assertSafe();
  }

  @Test
  void aFrozenLeaderDelaysButLosesAndReordersNothing() throws Exception {
    var products = shop.createProducts(Faults.full() ? 50 : 20);
    int adjustments = Faults.full() ? 2_000 : 300;
    var duration = Duration.ofSeconds(Faults.full() ? 60 : 20);
    var freeze = Duration.ofSeconds(Faults.full() ? 30 : 10);
    int serverErrors;
    int otherStatus;
    java.util.Set<String> acks;
    try (var stream = AdjustmentStream.start(cluster.api, products, adjustments, duration)) {
      await().atMost(Duration.ofSeconds(120)).until(() -> stream.answered() >= adjustments / 4);
      var leader = cluster.engines.kafkaNodes().get(leaderOfPartitionZero() - 1);
      leader.pause();
      try {
        assertThat(processState(leader.pid())).as("the leader is stopped").isEqualTo('T');
        // The leader stays frozen for the whole freeze while the stream goes on.
        await()
            .during(freeze)
            .atMost(freeze.plusSeconds(10))
            .until(() -> processState(leader.pid()) == 'T');
      } finally {
        leader.resume();
      }
      await().atMost(Duration.ofSeconds(240)).until(stream::finished);
      serverErrors = stream.serverErrors();
      otherStatus = stream.otherStatus();
      acks = stream.acknowledged();
    }
    var tally = ClusterTally.of(cluster, shop, products, acks);
    FaultReport.of("Kafka partition leader frozen (SIGSTOP), cluster of 3 (RF 3, min ISR 2)")
        .accepted(tally.acknowledged().size())
        .published(tally.published().size())
        .applied(tally.audited())
        .lost(tally.lost().size())
        .serverErrors(serverErrors)
        .detail(
            "frozen %d s under %d stock adjustments; %s; other 4xx %d",
            freeze.toSeconds(), adjustments, tally.figures(), otherStatus)
        .print();
    assertThat(serverErrors).as("5xx").isZero();
    tally.assertSafe();
  }

  private static int leaderOfPartitionZero() throws Exception {
    try (var admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.engines.endpoints().kafkaBootstrap()))) {
      return admin
          .describeTopics(List.of("keystone.product"))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get("keystone.product")
          .partitions()
          .get(0)
          .leader()
          .id();
    }
  }

  /** The state letter of {@code /proc/<pid>/stat}: {@code T} for a stopped process. */
  private static char processState(long pid) throws Exception {
    var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }
}
