package dev.keystone.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks in one run ({@code bench/run.sh}): Gatling drives the cache reads (Redis-tier hit,
 * near-cache hit, database path, and the bench WAR's bare Jedis GET, plain SQL read and no-op
 * floor), stampedes with and without protection, writes with the outbox and the bench WAR's writes
 * without one, writes at a fixed rate whose events a Kafka consumer and the audit consumer time,
 * and a broker outage whose backlog is timed draining. Prints one table, writes {@code
 * target/bench/index.html}. Only ratios within one run mean much on a shared machine; the load
 * average is in the table.
 */
@KeystoneIT
class KeystoneBench {

  static final int USERS = Integer.getInteger("bench.users", 32);
  static final int WRITERS = Integer.getInteger("bench.writers", 16);

  /** Per target: a Liberty JVM needs tens of seconds of load before its JIT settles. */
  static final int WARMUP = Integer.getInteger("bench.warmup.seconds", 15);

  /**
   * Per write target, before its throughput is measured: the ratio of two nodes' throughputs means
   * something only once both JITs are done. A write's CPU falls by 3–5× over its first minutes of
   * load, and a node with the outbox on has more to compile (the relay, Kafka's client, more JDBC)
   * so it is further behind at any given minute: closed-loop writes with wrk, 16 connections, one
   * node, outbox on 403–583/s after 3 minutes, 826/s after 6, 1,035/s after 8; without events 675/s
   * after 3, 1,450–1,640/s after 5–7 (an earlier measurement). After 150 s (this value before * an
   * earlier tuning) the bench's ratio mostly said which JIT was further along (0.40–0.67).
   */
  static final int WRITE_WARMUP = Integer.getInteger("bench.write.warmup.seconds", 480);

  /**
   * The write warm-up is served in this many turns per target, interleaved, so that no node idles
   * through the other's whole warm-up right before it is measured (WriteLoopSimulation).
   */
  static final int WRITE_WARMUP_SLICES = Integer.getInteger("bench.write.warmup.slices", 8);

  /**
   * Unmeasured load on a write target right before each of its measured rounds: a node's rate needs
   * ~30 s to climb back after a pause (WriteLoopSimulation).
   */
  static final int WRITE_SETTLE = Integer.getInteger("bench.write.settle.seconds", 30);

  /**
   * Writes at the fixed rate before commit→consumer latency is measured: the figure is the server's
   * steady state, not its JIT's first minutes (with wrk on one node, the write→consumer p99 at 190
   * writes/s fell from 76 ms in the first minute to 10–13 ms after three).
   */
  static final int LATENCY_WARMUP = Integer.getInteger("bench.latency.warmup.seconds", 120);

  /**
   * Measured rounds of the write phase and their length, per target (interleaved, each after its
   * settling). Longer than the read phase's: 10-s rounds of closed-loop writes differed by up to a
   * third between rounds (an earlier measurement), which moved the ratio by more than the outbox's
   * cost does.
   */
  static final int WRITE_ROUNDS = Integer.getInteger("bench.write.rounds", 3);

  static final int WRITE_SECONDS = Integer.getInteger("bench.write.seconds", 30);

  static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
  static final int RATE = Integer.getInteger("bench.rate", 200);
  static final int RATE_SECONDS = Integer.getInteger("bench.rate.seconds", 20);

  /** Commit→consumer latency is also measured at these rates (comma-separated; none: empty). */
  static final List<Integer> LOWER_RATES =
      java.util.Arrays.stream(System.getProperty("bench.lower.rates", "100,50,25").split(","))
          .filter(r -> !r.isBlank())
          .map(r -> Integer.valueOf(r.trim()))
          .toList();

  static final int ORDER_RATE = Integer.getInteger("bench.order.rate", 50);

  /** Orders at ORDER_RATE on the main server before its order → audit latency is measured. */
  static final int ORDER_WARMUP = Integer.getInteger("bench.order.warmup.seconds", 75);

  static final int OUTAGE = Integer.getInteger("bench.outage.seconds", 30);

  /**
   * Writes at the outage rate on the main server before the outage: no other phase writes products
   * there, and a cold node measured its own JIT instead (an earlier measurement, JFR of the main
   * server: ~1.5 cores for 100 writes/s in interpreted and C1 code, POST p99 1.0–2.4 s from a queue
   * built in the first seconds, before the broker was even stopped).
   */
  static final int OUTAGE_WARMUP = Integer.getInteger("bench.outage.warmup.seconds", 90);

  static final int OUTAGE_RATE = Integer.getInteger("bench.outage.rate", 100);
  static final int STAMPEDE = Integer.getInteger("bench.stampede.users", 200);

  /**
   * Which phases run (comma-separated names as in {@link #benchmark}, e.g. {@code reads,writes});
   * all by default. For a quick loop on one figure.
   */
  static final List<String> PHASES =
      List.of(
          System.getProperty(
                  "bench.phases",
                  "reads,stampedes,writes,writecost,tracing,cluster,latency,orders,drain")
              .split(","));

  private final Table table = new Table();
  private final List<Path> reports = new ArrayList<>();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void benchmark() throws Exception {
    var loadAtStart = BenchNodes.load();
    var nodes = BenchNodes.start();
    var outbox = new OutboxFigures(table, reports);
    var cache = new CacheFigures(table, reports);
    phase("reads", "cache reads", () -> new ReadFigures(table, reports).reads(nodes));
    phase("stampedes", "stampedes", () -> cache.stampedes(nodes));
    phase("writes", "write throughput", () -> outbox.throughput(nodes));
    phase(
        "latency",
        "commit to consumer",
        () -> new LatencyFigures(table, reports).commitToConsumer(nodes));
    phase("writecost", "write cost", () -> new WriteCosts(table, reports).measure(nodes));
    phase(
        "tracing",
        "tracing and sampler cost",
        () -> new TracingCosts(table, reports).measure(nodes));
    phase("cluster", "replication", () -> new ClusterFigures(table, reports).measure(nodes));
    phase("orders", "order to audit row", outbox::orderToAudit);
    phase("drain", "broker outage drain", outbox::drain);
    table.notes.add(
        "load average (1 min) at start "
            + loadAtStart
            + ", at end "
            + BenchNodes.load()
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " cores shared with other builds: compare ratios, not absolute figures");
    table.notes.add(
        "Gatling records response times in whole milliseconds; closed-loop rates are the OK"
            + " responses divided by the measured seconds");
    var page = write();
    System.out.println(
        "\nBENCH TABLE\n" + table.text() + "\nBENCH REPORT " + page.toAbsolutePath());
    assertThat(table.rows).as("measured at least one figure").isNotEmpty();
  }

  /** A phase that fails is noted in the table; the next phases still run. */
  private void phase(String key, String name, Phase phase) throws Exception {
    if (!PHASES.contains(key)) {
      return;
    }
    try {
      phase.run();
    } catch (Exception | AssertionError e) {
      table.notes.add("phase '" + name + "' FAILED (load " + BenchNodes.load() + "): " + e);
      e.printStackTrace(System.out);
    }
    write(); // what is measured so far survives a later crash
  }

  private Path write() throws java.io.IOException {
    return SummaryPage.write(GatlingRun.RESULTS.getParent(), table, reports);
  }

  interface Phase {
    void run() throws Exception;
  }

  static Map<String, String> settings(Map<String, String> own) {
    var all = new HashMap<>(own);
    all.put("bench.auth", BenchNodes.authorization());
    return all;
  }
}
