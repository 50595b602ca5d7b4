package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.outbox.OutboxProbe;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.Frozen;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker hung: the Kafka process frozen with SIGSTOP (connections open, nothing answers) while
 * writes keep coming. Writes answer 201 as quickly as ever (the request path never waits for
 * Kafka), readiness stays UP and answers in time, the relay's and the consumers' waits are bounded
 * by the clients' timeouts (docs/operations.md#kafka-redis-and-smtp-deadlines), so once the broker
 * is thawed everything is published and applied without a restart. Counted as sets: the
 * acknowledged writes against the whole topic, read to its end offsets by a plain consumer.
 */
@KeystoneIT
@Tag("fault")
class BrokerHungIT {

  private static final Duration FREEZE = Duration.ofSeconds(Faults.size(15, 30));

  /** A write commits to PostgreSQL only; 1 s at p99 leaves room for two shared cores. */
  private static final long WRITE_P99_BOUND_MS = 1_000;

  /** /health/ready: 1 s promised; its Kafka check reports late as UP, answered=false. */
  private static final long READY_BOUND_MS = 1_000;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();
  private final String prefix = "HUNGK-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @Test
  void writesAnswerQuicklyWhileTheBrokerHangsAndEveryEventIsPublishedAfterIt() throws Exception {
    OutboxProbe.createProduct(api, "WARMK");
    var kafka = KeystoneStack.get().devstack().kafka();
    var accepted = new ConcurrentLinkedQueue<String>();
    var writeTimes = new ConcurrentLinkedQueue<Long>();
    var failures = new ConcurrentLinkedQueue<String>();
    var readyTimes = new ArrayList<Long>();
    var sent = new AtomicInteger();
    long backlogSeen;
    int processes;
    var pacer = Executors.newSingleThreadScheduledExecutor();
    var clients = Executors.newFixedThreadPool(8);
    long frozenAt = System.nanoTime();
    try {
      processes = Frozen.freeze(kafka);
      // ten writes a second for the whole freeze
      pacer.scheduleAtFixedRate(
          () ->
              clients.execute(() -> write(sent.incrementAndGet(), accepted, writeTimes, failures)),
          0,
          100,
          TimeUnit.MILLISECONDS);
      // the fault took: the accepted writes' events wait in the outbox
      backlogSeen =
          await()
              .atMost(FREEZE)
              .pollInterval(Duration.ofMillis(500))
              .until(() -> OutboxProbe.unpublished("product", List.copyOf(accepted)), n -> n > 5);
      await()
          .atMost(FREEZE.plusSeconds(5))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                long start = System.nanoTime();
                var ready = api.get("/health/ready");
                readyTimes.add((System.nanoTime() - start) / 1_000_000);
                if (ready.status() != 200) {
                  failures.add("ready while the broker hangs: " + ready);
                }
                return System.nanoTime() - frozenAt >= FREEZE.toNanos();
              });
      pacer.shutdown();
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("writes answered").isTrue();
      Frozen.assertFrozen(kafka);
    } finally {
      pacer.shutdownNow();
      kafka.resume();
      clients.shutdownNow();
    }
    Frozen.assertThawed(kafka);
    long thawedAt = System.nanoTime();
    var acked = List.copyOf(accepted);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> OutboxProbe.unpublished("product", acked) == 0);
    long publishedMs = (System.nanoTime() - thawedAt) / 1_000_000;
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> audited(acked) >= acked.size());
    long appliedMs = (System.nanoTime() - thawedAt) / 1_000_000;

    // the sets: acknowledged writes, committed rows, and the whole topic to its end offsets
    var committed = committedIds();
    var onTopicKeys = new HashSet<String>();
    var eventIds = new HashSet<String>();
    int records = 0;
    for (var r : Topics.readToEnd("keystone.product", Duration.ofSeconds(60))) {
      if (r.value() != null && r.value().contains(prefix)) {
        records++;
        onTopicKeys.add(r.key());
        eventIds.add(Json.createReader(new StringReader(r.value())).readObject().getString("id"));
      }
    }
    var lost = new HashSet<>(acked);
    lost.removeAll(onTopicKeys);
    var unexpected = new HashSet<>(onTopicKeys);
    unexpected.removeAll(committed);
    int duplicated = records - eventIds.size();
    long applied = audited(acked);
    var times = new ArrayList<>(writeTimes);
    Collections.sort(times);

    FaultReport.of("broker hung (SIGSTOP) %d s".formatted(FREEZE.toSeconds()))
        .accepted(acked.size())
        .published(eventIds.size())
        .applied(applied)
        .lost(lost.size())
        .serverErrors(failures.stream().filter(f -> f.startsWith("5")).count())
        .detail(
            "%d processes frozen; %d writes during the freeze, %d accepted, answered in p50 %d ms,"
                + " p99 %d ms, max %d ms; backlog %d seen; /health/ready 200 in at most %d ms;"
                + " unexpected %d, duplicated on the topic %d; all published %d ms and applied %d"
                + " ms after the thaw",
            processes,
            sent.get(),
            acked.size(),
            percentile(times, 50),
            percentile(times, 99),
            percentile(times, 100),
            backlogSeen,
            readyTimes.stream().mapToLong(Long::longValue).max().orElse(-1),
            unexpected.size(),
            duplicated,
            publishedMs,
            appliedMs)
        .print();
    assertThat(failures).as("answers other than 201 / ready 200 while the broker hangs").isEmpty();
    assertThat(acked).as("writes accepted during the freeze").hasSizeGreaterThan(10);
    assertThat(percentile(times, 99))
        .as("writes' p99 while the broker hangs (ms)")
        .isLessThanOrEqualTo(WRITE_P99_BOUND_MS);
    assertThat(readyTimes).as("/health/ready answer times (ms)").allMatch(t -> t <= READY_BOUND_MS);
    assertThat(lost).as("acknowledged writes missing from the topic").isEmpty();
    assertThat(unexpected).as("events with no committed write").isEmpty();
    assertThat(applied).as("audit rows: the consumers resumed").isEqualTo(acked.size());
  }

  private void write(
      int n,
      ConcurrentLinkedQueue<String> accepted,
      ConcurrentLinkedQueue<Long> times,
      ConcurrentLinkedQueue<String> failures) {
    long start = System.nanoTime();
    try {
      var reply =
          api.post(
              "/api/products",
              """
              {"sku":"%s%d","name":"Hung broker","price":2.00,"currency":"EUR","stock":3}
              """
                  .formatted(prefix, n));
      times.add((System.nanoTime() - start) / 1_000_000);
      if (reply.status() == 201) {
        accepted.add(Long.toString(reply.json().getJsonNumber("id").longValue()));
      } else {
        failures.add(reply.status() + " for a write: " + reply);
      }
    } catch (RuntimeException e) {
      failures.add("write failed: " + e);
    }
  }

  /** Audit rows (the audit consumer's effect) of the products' creation events. */
  private static long audited(List<String> productIds) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from consumers.audit_log where aggregate_type = 'product'"
                    + " and event_type = 'dev.keystone.product.created' and aggregate_id = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", productIds.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private Set<String> committedIds() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement("select id from products where sku like ?")) {
      s.setString(1, prefix + "%");
      var ids = new HashSet<String>();
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(Long.toString(rs.getLong(1)));
        }
      }
      return ids;
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
