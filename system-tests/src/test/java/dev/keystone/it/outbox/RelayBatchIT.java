package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.DatabaseLoads;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.outbox.internal.OutboxStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The batched fast path: concurrent stock adjustments of a few products give the relay's queue
 * several versions of each aggregate at once. Every event arrives once and in version order per
 * key; the relay, not the sweeper, publishes most of them (within the sweep delay of their commit);
 * and it locks them in batches: fewer locking statements than events, as PostgreSQL itself counts
 * them.
 */
@KeystoneIT
class RelayBatchIT {

  private static final int PRODUCTS = 4;
  private static final int ADJUSTMENTS = 50;
  private static final int THREADS = 12;

  /**
   * The relay's claiming (locking) statement as pg_stat_statements shows it: its text up to the
   * first parameter (pg_stat_statements also numbers the constants after it).
   */
  private static final String LOCK_NEXT = claimUpToFirstParameter() + "%";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void concurrentVersionsArriveInOrderThroughBatchedLocks() throws Exception {
    var keys = new ArrayList<String>();
    for (int p = 0; p < PRODUCTS; p++) {
      keys.add(Long.toString(OutboxProbe.createProduct(api, "RB")));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(keys) == 0);
    long locksBefore = DatabaseLoads.calls(LOCK_NEXT);

    var pool = Executors.newFixedThreadPool(THREADS);
    try {
      var calls = new ArrayList<Callable<Integer>>();
      for (int i = 0; i < PRODUCTS * ADJUSTMENTS; i++) {
        var path = "/api/products/" + keys.get(i % PRODUCTS) + "/stock-adjustments";
        calls.add(() -> api.post(path, "{\"delta\":1,\"reason\":\"relay batch\"}").status());
      }
      for (var status : pool.invokeAll(calls, 5, TimeUnit.MINUTES)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> unpublished(keys) == 0);
    long locks = DatabaseLoads.calls(LOCK_NEXT) - locksBefore;

    int expected = PRODUCTS * (ADJUSTMENTS + 1);
    assertThat(OutboxProbe.rows("product", keys)).isEqualTo(expected);
    var seen =
        OutboxProbe.read("keystone.product", Set.copyOf(keys), expected, Duration.ofSeconds(60));
    var delivery = OutboxProbe.Delivery.of(seen);
    long byRelay = publishedWithin(keys, Duration.ofMillis(3000));
    System.out.printf(
        "relay batch: %s; %d locking statements for %d events; %d published within the sweep"
            + " delay%n",
        delivery, locks, PRODUCTS * ADJUSTMENTS, byRelay);
    assertThat(delivery.distinct()).isEqualTo(expected);
    assertThat(delivery.disorder()).isEmpty();
    for (var key : keys) {
      assertThat(OutboxProbe.versions(seen, key)).as(key).hasSize(ADJUSTMENTS + 1).isSorted();
    }
    assertThat(byRelay).as("published by the fast path").isGreaterThan(expected / 2);
    assertThat(locks)
        .as("one locking statement per round of a batch, not one per event")
        .isPositive()
        .isLessThan(PRODUCTS * ADJUSTMENTS);
  }

  private static long unpublished(List<String> keys) throws SQLException {
    return OutboxProbe.unpublished("product", keys);
  }

  private static String claimUpToFirstParameter() {
    var text = DatabaseLoads.serverText(OutboxStore.CLAIM);
    return text.substring(0, text.indexOf("$1") + 2);
  }

  /** Rows published sooner after their commit than the sweeper may touch them: the relay's. */
  private static long publishedWithin(List<String> keys, Duration delay) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from outbox where aggregate_type = 'product'"
                    + " and aggregate_id = any(?) and published_at - created_at < ? * interval"
                    + " '1 millisecond'")) {
      s.setArray(1, c.createArrayOf("varchar", keys.toArray()));
      s.setLong(2, delay.toMillis());
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
