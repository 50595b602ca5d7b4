package dev.keystone.it.bench;

import dev.keystone.it.support.KeystoneStack;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The outbox and consumer figures: write throughput with the outbox versus the bench WAR's writes
 * without one, order 201 → audit row, and the drain of a broker outage's backlog under load
 * (commit→consumer latency: {@link LatencyFigures}).
 */
final class OutboxFigures {

  private final Table table;
  private final List<Path> reports;

  OutboxFigures(Table table, List<Path> reports) {
    this.table = table;
    this.reports = reports;
  }

  void throughput(BenchNodes nodes) {
    var targets = new LinkedHashMap<String, String>();
    targets.put("writes-outbox", BenchNodes.url(nodes.redis()) + "/api/products");
    targets.put("writes-no-outbox", BenchNodes.bench(nodes.near()) + "/products");
    table.section(
        "outbox, POST /api/products vs the bench WAR's POST /bench/products, "
            + KeystoneBench.WRITERS
            + " clients, load "
            + BenchNodes.load());
    double cpuWith = BenchNodes.cpuSeconds(nodes.redis());
    double cpuWithout = BenchNodes.cpuSeconds(nodes.near());
    var run =
        GatlingRun.run(
            WriteLoopSimulation.class,
            "write throughput",
            KeystoneBench.settings(
                Map.of(
                    "bench.targets", Sims.encode(targets),
                    "bench.users", "" + KeystoneBench.WRITERS,
                    "bench.rounds", "" + KeystoneBench.WRITE_ROUNDS,
                    "bench.warmup.seconds", "" + KeystoneBench.WRITE_WARMUP,
                    "bench.warmup.slices", "" + KeystoneBench.WRITE_WARMUP_SLICES,
                    "bench.settle.seconds", "" + KeystoneBench.WRITE_SETTLE,
                    "bench.seconds", "" + KeystoneBench.WRITE_SECONDS)));
    reports.add(run.report());
    double seconds = KeystoneBench.WRITE_ROUNDS * KeystoneBench.WRITE_SECONDS;
    var with = run.stat("writes-outbox");
    var without = run.stat("writes-no-outbox");
    table.row(
        "writes, outbox on (kbench-redis)",
        Table.num(with.ok() / seconds, "%.0f"),
        "" + with.p50(),
        "" + with.p99(),
        "Gatling closed loop, interleaved; KO "
            + with.ko()
            + "; events to kbench.product, which no consumer reads (consumers: see orders)");
    table.row(
        "writes without an outbox row (bench WAR, kbench-near)",
        Table.num(without.ok() / seconds, "%.0f"),
        "" + without.p50(),
        "" + without.p99(),
        "Gatling closed loop, interleaved; KO " + without.ko());
    cpuWith = (BenchNodes.cpuSeconds(nodes.redis()) - cpuWith) / requests(run, "writes-outbox");
    cpuWithout =
        (BenchNodes.cpuSeconds(nodes.near()) - cpuWithout) / requests(run, "writes-no-outbox");
    table.row(
        "Liberty CPU per write, outbox on / off",
        "",
        Table.num(cpuWith * 1000, "%.2f"),
        Table.num(cpuWithout * 1000, "%.2f"),
        "ms of the node JVM's CPU per POST (warm-up included; PostgreSQL's and Kafka's not),"
            + " in the p50/p99 columns: on / off");
    table.ratio("writes with outbox / without", with.ok() / (double) without.ok(), 0.7, true);
    table.notes.add(
        "write rounds (" + KeystoneBench.WRITE_SECONDS + " s each), outbox on / off: " + rounds());
  }

  /** Each measured round's writes per second, outbox on / off, and their ratio. */
  private static String rounds() {
    var rounds = new ArrayList<String>();
    for (int round = 1; round <= KeystoneBench.WRITE_ROUNDS; round++) {
      double with =
          WriteRounds.count("writes-outbox", round) / (double) KeystoneBench.WRITE_SECONDS;
      double without =
          WriteRounds.count("writes-no-outbox", round) / (double) KeystoneBench.WRITE_SECONDS;
      rounds.add(
          Table.num(with, "%.0f")
              + " / "
              + Table.num(without, "%.0f")
              + " → "
              + Table.num(without > 0 ? with / without : 0, "%.2f"));
    }
    return String.join("; ", rounds);
  }

  /** Every request of {@code name}, warm-up included (what the node's CPU time covers). */
  private static long requests(GatlingRun run, String name) {
    var measured = run.stat(name);
    var warmUp = run.stat("warm-up " + name);
    return Math.max(1, measured.ok() + measured.ko() + warmUp.ok() + warmUp.ko());
  }

  void orderToAudit() throws Exception {
    long customer = BenchNodes.customer();
    long product = BenchNodes.product(1_000_000);
    table.section("consumers, POST /api/orders at " + KeystoneBench.ORDER_RATE + "/s");
    // The main server has not placed orders yet: warm its order path up first (on another product,
    // so the measured product's history starts clean); a cold JIT placed ~40 orders/s on one
    // product (its row is locked per order), a warm one ~90.
    rate(
        "warm-up orders",
        "order",
        BenchNodes.main(),
        KeystoneBench.ORDER_RATE,
        KeystoneBench.ORDER_WARMUP,
        Map.of(
            "bench.customer", "" + customer, "bench.product", "" + BenchNodes.product(1_000_000)));
    Acks.drain();
    var load = BenchNodes.load();
    var run =
        rate(
            "orders-at-rate",
            "order",
            BenchNodes.main(),
            KeystoneBench.ORDER_RATE,
            KeystoneBench.RATE_SECONDS,
            Map.of("bench.customer", "" + customer, "bench.product", "" + product));
    var acked = Acks.drain();
    var latency = Latencies.audit(acked);
    var stat = run.stat("orders-at-rate");
    table.row(
        "POST /api/orders (the 201)",
        Table.num(acked.size() / (double) KeystoneBench.RATE_SECONDS, "%.0f"),
        "" + stat.p50(),
        "" + stat.p99(),
        "Gatling open model; KO " + stat.ko() + "; load " + load);
    table.row(
        "order commit -> audit row (consumers.audit_log)",
        "",
        Table.num(latency.p50(), "%.1f"),
        Table.num(latency.p99(), "%.1f"),
        "NOT Gatling: 201 arrival -> the audit consumer's recorded_at (PostgreSQL now()), "
            + latency.n()
            + "/"
            + latency.of()
            + " matched; max "
            + Table.num(latency.max(), "%.0f")
            + " ms");
  }

  /** Writes at 100/s; the broker stopped after 5 s for the outage; the backlog timed draining. */
  void drain() throws Exception {
    var kafka = KeystoneStack.get().devstack().kafka();
    var timer = Executors.newSingleThreadScheduledExecutor();
    var outcome = new CompletableFuture<String[]>();
    int rate = KeystoneBench.OUTAGE_RATE;
    int lead = 5;
    table.section("broker outage of " + KeystoneBench.OUTAGE + " s under " + rate + " writes/s");
    rate(
        "warm-up outage writes",
        "product",
        BenchNodes.main(),
        rate,
        KeystoneBench.OUTAGE_WARMUP,
        Map.of());
    Acks.drain();
    var load = BenchNodes.load();
    timer.schedule(
        () -> {
          try {
            kafka.stop();
            timer.schedule(() -> restart(kafka, outcome), KeystoneBench.OUTAGE, TimeUnit.SECONDS);
          } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
          }
        },
        lead,
        TimeUnit.SECONDS);
    var run =
        rate(
            "writes-during-outage",
            "product",
            BenchNodes.main(),
            rate,
            lead + KeystoneBench.OUTAGE + 15,
            Map.of());
    Acks.drain();
    var figures = outcome.get(10, TimeUnit.MINUTES);
    timer.shutdown();
    var stat = run.stat("writes-during-outage");
    table.row(
        "POST during the run (broker up, down, up)",
        "" + rate,
        "" + stat.p50(),
        "" + stat.p99(),
        "Gatling open model; KO " + stat.ko() + "; load " + load);
    table.row(
        "backlog drain after the broker is back",
        figures[0] + " rows",
        "",
        "",
        "NOT Gatling: unpublished outbox rows (SQL) created before the restart; broker start "
            + figures[1]
            + " s, then drained in "
            + figures[2]
            + " s");
  }

  private static void restart(
      dev.keystone.devstack.ManagedService kafka, CompletableFuture<String[]> outcome) {
    try {
      var restartAt = Instant.now();
      long begun = System.nanoTime();
      long backlog = unpublishedBefore(restartAt);
      kafka.start();
      long up = System.nanoTime();
      Awaitility.await("backlog drained")
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> unpublishedBefore(restartAt) == 0);
      long drained = System.nanoTime();
      outcome.complete(
          new String[] {
            "" + backlog,
            Table.num((up - begun) / 1e9, "%.1f"),
            Table.num((drained - up) / 1e9, "%.1f")
          });
    } catch (Exception e) {
      outcome.completeExceptionally(e);
    }
  }

  private static long unpublishedBefore(Instant at) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from outbox where published_at is null and created_at <= ?")) {
      s.setTimestamp(1, Timestamp.from(at));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** {@code rate} POSTs of {@code kind} per second to the shop's API at {@code base}. */
  private GatlingRun rate(
      String name, String kind, String base, int rate, int seconds, Map<String, String> more) {
    var url = base + ("order".equals(kind) ? "/api/orders" : "/api/products");
    return rate(reports, name, kind, url, rate, seconds, more);
  }

  /**
   * Gatling's open model: {@code rate} POSTs of {@code kind} ({@code product} or {@code order}
   * bodies) per second to {@code url}.
   */
  static GatlingRun rate(
      List<Path> reports,
      String name,
      String kind,
      String url,
      int rate,
      int seconds,
      Map<String, String> more) {
    var settings = new LinkedHashMap<String, String>(more);
    settings.put("bench.name", name);
    settings.put("bench.kind", kind);
    settings.put("bench.url", url);
    settings.put("bench.rate", "" + rate);
    settings.put("bench.seconds", "" + seconds);
    var run = GatlingRun.run(RateSimulation.class, name, KeystoneBench.settings(settings));
    reports.add(run.report());
    return run;
  }
}
