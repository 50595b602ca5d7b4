package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.Processes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One of the two application servers SIGKILLed under mixed load: writes and reads spread over both
 * as a load balancer spreads them, every product written through both servers. The kill is timed
 * for the case the outbox's sweeper exists for: it is sent the moment PostgreSQL shows committed
 * outbox rows not yet published. The rows the victim left so (those the survivor did not answer)
 * are published by the survivor's sweeper, before the survivor's own later versions of the same
 * products. Counted as sets from independent observers: the writes the API acknowledged, the rows
 * in PostgreSQL, the whole topic read by a plain consumer, and the audit consumer's rows.
 */
@Tag("fault")
class ApplicationServerKilledIT {
  private static ClusterStack cluster;
  private static ClusterShop shop;

  @BeforeAll
  static void startCluster() {
    cluster = ClusterStack.get();
    shop = new ClusterShop(cluster);
  }

  @Test
  void theSurvivorServesAndPublishesWhatTheDeadServerCommitted() throws Exception {
    int productCount = Faults.size(10, 40);
    int adjustments = Faults.size(300, 3_000);
    var span = Duration.ofSeconds(Faults.size(20, 90));
    var products = shop.createProducts(productCount);
    var victim = cluster.serverB;
    var survivor = cluster.api;
    var victimDead = new AtomicBoolean();
    var turn = new AtomicLong();
    // round robin while both live; after the kill only the survivor, as the balancer's health check
    // takes the dead node out
    Supplier<Api> balancer =
        () -> victimDead.get() || turn.getAndIncrement() % 2 == 0 ? survivor : cluster.apiB;
    long pid = victim.pid().orElseThrow();
    Set<UUID> stranded;
    long killedAt;
    long strandedPublishedAt;
    List<ReadLoad.Read> reads;
    try (var load = ReadLoad.start(List.of(balancer), products, 2);
        var stream = AdjustmentStream.start(balancer, products, adjustments, span)) {
      await().atMost(Duration.ofSeconds(120)).until(() -> stream.answered() >= adjustments / 3);
      int[] looks = {0};
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                looks[0]++;
                return !unpublished(products).isEmpty();
              });
      victimDead.set(true);
      victim.kill();
      killedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).until(() -> Processes.dead(pid));
      // what was still unpublished at the kill, less what the survivor answered itself: the
      // victim's own rows (acknowledged by it, or committed under a request it never answered)
      var survivors = stream.acknowledgedBy(survivor);
      stranded = new HashSet<UUID>();
      unpublished(products)
          .forEach(
              (id, write) -> {
                if (!survivors.contains(write)) {
                  stranded.add(id);
                }
              });
      assertThat(stream.acknowledgedBy(cluster.apiB)).as("writes the victim answered").isNotEmpty();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> unpublished(stranded) == 0);
      strandedPublishedAt = stranded.isEmpty() ? killedAt : System.nanoTime();
      await().atMost(span.plus(Duration.ofMinutes(2))).until(stream::finished);
      reads = load.reads();
      var tally = ClusterTally.of(cluster, shop, products, stream.acknowledged());
      long readErrors = reads.stream().filter(r -> r.status() >= 500).count();
      long readsUnanswered = reads.stream().filter(r -> r.status() < 0).count();
      // reads in flight on the victim fail the moment it dies; a second later every read is the
      // survivor's
      long settled = killedAt + Duration.ofSeconds(1).toNanos();
      long readsAfter = reads.stream().filter(r -> r.atNanos() > settled).count();
      long badReadsAfter =
          reads.stream().filter(r -> r.atNanos() > settled && r.status() != 200).count();
      FaultReport.of("application server SIGKILLed under mixed load, two application servers")
          .accepted(tally.acknowledged().size())
          .published(tally.published().size())
          .applied(tally.audited())
          .lost(tally.lost().size())
          .serverErrors(stream.serverErrors() + readErrors)
          .detail(
              "%d stock adjustments of %d products and %d reads spread over both servers; %d"
                  + " committed rows the victim left unpublished (the kill sent after %d looks at"
                  + " the outbox) published by the survivor's sweeper %.1f s after the kill; %s;"
                  + " writes"
                  + " without an answer (in flight on the victim) %d, reads %d; reads from 1 s"
                  + " after the kill %d, not 200 %d",
              adjustments,
              productCount,
              reads.size(),
              stranded.size(),
              looks[0],
              (strandedPublishedAt - killedAt) / 1e9,
              tally.figures(),
              stream.unanswered(),
              readsUnanswered,
              readsAfter,
              badReadsAfter)
          .print();
      assertThat(stream.serverErrors()).as("5xx on writes").isZero();
      assertThat(readErrors).as("5xx on reads").isZero();
      assertThat(badReadsAfter).as("reads after the kill, all on the survivor").isZero();
      assertThat(stream.otherStatus()).as("4xx on writes").isZero();
      assertThat(stream.acknowledged().size() + stream.unanswered())
          .as("every write acknowledged but those in flight on the victim")
          .isEqualTo(adjustments);
      tally.assertSafe();
    }
  }

  /** The products' unpublished outbox rows: event id → {@code <product id>:<version>}. */
  private static Map<UUID, String> unpublished(List<String> products) throws SQLException {
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select event_id, aggregate_id, aggregate_version from outbox"
                    + " where aggregate_type = 'product' and aggregate_id = any(?)"
                    + " and published_at is null")) {
      s.setArray(1, c.createArrayOf("varchar", products.toArray()));
      try (var rs = s.executeQuery()) {
        var rows = new HashMap<UUID, String>();
        while (rs.next()) {
          rows.put(rs.getObject(1, UUID.class), rs.getString(2) + ":" + rs.getLong(3));
        }
        return rows;
      }
    }
  }

  private static int unpublished(Set<UUID> events) throws SQLException {
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select count(*) from outbox where event_id = any(?) and published_at is null")) {
      s.setArray(1, c.createArrayOf("uuid", events.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
