package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.Frozen;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Readiness;
import dev.keystone.it.support.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumers' database hung: a consumers-only server reads a stream of events while every
 * PostgreSQL process is frozen (SIGSTOP) for part of it. Its readiness goes DOWN within a second of
 * the freeze and UP again after it (its own PostgreSQL check, docs/operations.md#health); the
 * consumers stop acknowledging while they cannot record, and catch up after the thaw with every
 * effect exactly once: the analytics fold, the audit rows and the mails (as a multiset of
 * Message-IDs) equal to what the distinct events call for. Not an Arquillian test: nothing is
 * deployed to the test server meanwhile, so this server's consumers are the only ones.
 */
@ExtendWith(StackExtension.class)
@Tag("fault")
class ConsumersServerDatabaseHungIT {

  /** The promise: DOWN within 1 s of the freeze (the check's deadline is 400 ms). */
  private static final long DOWN_BOUND_MS = 1_000;

  /** Ready again soon after the thaw: the pool's fresh connections, +1 s for two shared cores. */
  private static final long UP_BOUND_MS = 3_000;

  private static final Set<String> ORDERS = Set.of("keystone.order");

  /** The email consumer reads customers (its address book) and orders, not products. */
  private static final Set<String> EMAIL_TOPICS = Set.of("keystone.customer", "keystone.order");

  private static LibertyServer server;

  @BeforeAll
  static void startConsumersServer() {
    new EventFeed().close(); // the topics, with their partitions, before anyone subscribes
    server = KeystoneStack.get().startConsumersServer("keystone-consumers-hung", Map.of());
  }

  @AfterAll
  static void stopIt() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void theConsumersWaitUnacknowledgedWhileTheDatabaseHangsThenApplyEverythingOnce()
      throws Exception {
    var api = new Api("http://localhost:" + server.httpPort());
    var ready = api.get("/health/ready");
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    assertThat(Readiness.check(ready.json(), "postgresql").getString("status")).isEqualTo("UP");

    var shop = new ShopScenario(5, Faults.size(40, 200), 3, 0.25, 33L);
    var deliveries = shop.deliveries();
    var before = deliveries.subList(0, deliveries.size() / 2);
    var during = deliveries.subList(deliveries.size() / 2, deliveries.size());
    var postgres = KeystoneStack.get().devstack().postgres();
    var freeze = Duration.ofSeconds(Faults.size(12, 20));
    var readyTimes = new ArrayList<Long>();
    long downMs;
    long upMs;
    int processes;
    try (var feed = new EventFeed()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> feed.members("keystone-analytics") == 1);
      feed.publish(before); // the consumers are busy with these when the database freezes
      long frozenAt;
      try {
        processes = Frozen.freeze(postgres);
        frozenAt = System.nanoTime(); // every PostgreSQL process stopped from here on
        downMs =
            await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                    () -> {
                      long start = System.nanoTime();
                      int status = api.get("/health/ready").status();
                      readyTimes.add((System.nanoTime() - start) / 1_000_000);
                      return status == 503 ? (System.nanoTime() - frozenAt) / 1_000_000 : -1L;
                    },
                    ms -> ms >= 0);
        feed.publish(during); // events keep arriving while nothing can be recorded
        // no group gets to the end while the database is frozen: nothing recorded, nothing acked
        var remaining = freeze.minusNanos(System.nanoTime() - frozenAt);
        await()
            .during(remaining.toMillis() > 1_000 ? remaining : Duration.ofSeconds(1))
            .atMost(
                (remaining.toMillis() > 1_000 ? remaining : Duration.ofSeconds(1)).plusSeconds(10))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    !feed.caughtUp("keystone-analytics", ORDERS)
                        && !feed.caughtUp("keystone-audit", EventFeed.TOPICS)
                        && !feed.caughtUp("keystone-email", EMAIL_TOPICS));
        Frozen.assertFrozen(postgres);
        var late = api.get("/health/ready");
        assertThat(late.status()).as("ready at the end of the freeze").isEqualTo(503);
        assertThat(api.get("/health/live").status()).as("live while frozen").isEqualTo(200);
      } finally {
        postgres.resume();
      }
      Frozen.assertThawed(postgres);
      long thawedAt = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> api.get("/health/ready").status() == 200);
      upMs = (System.nanoTime() - thawedAt) / 1_000_000;
      long catchUp = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(180))
          .until(
              () ->
                  feed.caughtUp("keystone-analytics", ORDERS)
                      && feed.caughtUp("keystone-audit", EventFeed.TOPICS)
                      && feed.caughtUp("keystone-email", EMAIL_TOPICS));
      long caughtUpMs = (System.nanoTime() - catchUp) / 1_000_000;

      var expected = ConsumerChecks.scaled(shop.expectedSales());
      var actual = ConsumerChecks.sales(api, shop.productIds);
      var ids = shop.distinctEvents().stream().map(ShopEvent::id).toList();
      long audited = ConsumerChecks.auditRows(ids);
      var mailed = mailWorthy(shop);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> ConsumerChecks.sentOutboxRows(mailed) == mailed.size());
      var expectedMail = new ArrayList<String>();
      var actualMail = new ArrayList<String>();
      for (var customer : shop.customers) {
        shop.orders.stream()
            .filter(o -> o.customer().equals(customer))
            .forEach(
                o -> {
                  expectedMail.add("<" + o.placed().id() + "@keystone>");
                  if (o.cancelled() != null) {
                    expectedMail.add("<" + o.cancelled().id() + "@keystone>");
                  }
                });
        Mailbox.of(customer.email()).forEach(m -> actualMail.add(m.messageId()));
      }
      var extraMail = new ArrayList<>(actualMail);
      expectedMail.forEach(extraMail::remove);
      var missingMail = new ArrayList<>(expectedMail);
      actualMail.forEach(missingMail::remove);
      long maxReadyMs = readyTimes.stream().mapToLong(Long::longValue).max().orElse(-1);

      FaultReport.of("consumers-only server, PostgreSQL hung mid-stream")
          .published(deliveries.size())
          .applied(audited)
          .lost(ids.size() - audited + missingMail.size())
          .detail(
              "%d processes frozen %d s; %d deliveries of %d distinct events, half during the"
                  + " freeze; /health/ready DOWN %d ms after the freeze (limit %d), each answer in"
                  + " at most %d ms, UP %d ms after the thaw; caught up %d ms after ready;"
                  + " analytics fold %s; %d mails, %d missing, %d extra (by Message-ID)",
              processes,
              freeze.toSeconds(),
              deliveries.size(),
              ids.size(),
              downMs,
              DOWN_BOUND_MS,
              maxReadyMs,
              upMs,
              caughtUpMs,
              actual.equals(expected) ? "exact" : "WRONG",
              actualMail.size(),
              missingMail.size(),
              extraMail.size())
          .print();
      assertThat(downMs).as("DOWN after the freeze (ms)").isLessThanOrEqualTo(DOWN_BOUND_MS);
      assertThat(maxReadyMs)
          .as("each /health/ready answer (ms)")
          .isLessThanOrEqualTo(DOWN_BOUND_MS);
      assertThat(upMs).as("UP after the thaw (ms)").isLessThanOrEqualTo(UP_BOUND_MS);
      assertThat(actual).as("analytics: the fold, nothing lost or doubled").isEqualTo(expected);
      assertThat(audited).as("audit rows of the distinct events").isEqualTo(ids.size());
      assertThat(missingMail).as("mails missing").isEmpty();
      assertThat(extraMail).as("mails doubled or unexpected").isEmpty();
      assertThat(ConsumerChecks.parkedRows(ids)).as("a hang is not poison").isZero();
    }
  }

  private static List<UUID> mailWorthy(ShopScenario shop) {
    var ids = new ArrayList<UUID>();
    for (var o : shop.orders) {
      ids.add(o.placed().id());
      if (o.cancelled() != null) {
        ids.add(o.cancelled().id());
      }
    }
    return ids;
  }
}
