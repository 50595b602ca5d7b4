package dev.keystone.it.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Commit→consumer latency of the outbox: writes at a fixed rate (Gatling's open model), each 201's
 * arrival matched with a plain Kafka consumer's first sight of its event.
 */
final class LatencyFigures {

  private final Table table;
  private final List<Path> reports;

  LatencyFigures(Table table, List<Path> reports) {
    this.table = table;
    this.reports = reports;
  }

  /**
   * Commit→consumer latency at {@link KeystoneBench#RATE} writes/s, then at each of {@link
   * KeystoneBench#LOWER_RATES}. Driven against {@code kbench-redis} (outbox on, no consumers),
   * whose events go to its own {@code kbench.*} topics: the main server's consumers (audit, cache
   * refresh) neither read them nor compete for the two cores, as on a production layout where
   * consumers run on their own servers. The consumer timed is the plain KafkaConsumer.
   */
  void commitToConsumer(BenchNodes nodes) throws Exception {
    var base = BenchNodes.url(nodes.redis()) + "/api/products";
    table.section("commit -> consumer, POST /api/products on kbench-redis (kbench.product topic)");
    try (var watch = new Latencies.TopicWatch(BenchNodes.OWN_PREFIX + "product")) {
      OutboxFigures.rate(
          reports,
          "warm-up writes",
          "product",
          base,
          KeystoneBench.RATE,
          KeystoneBench.LATENCY_WARMUP,
          Map.of());
      Acks.drain();
      latencyAt(KeystoneBench.RATE, base, watch);
      baseline201(nodes);
      for (int rate : KeystoneBench.LOWER_RATES) {
        latencyAt(rate, base, watch);
      }
    }
  }

  /**
   * The same product writes at {@link KeystoneBench#RATE}/s through the bench WAR on kbench-near
   * (no outbox row): what the 201 costs on this machine without any event, so that a queue at that
   * rate can be told from the outbox.
   */
  private void baseline201(BenchNodes nodes) {
    var name = "writes-at-" + KeystoneBench.RATE + "-no-outbox";
    // The node idled through the outbox node's warm-up (and is cold in a run without the write
    // phase: p99 1.2 s): let it settle at the rate first, as the write phase does
    // before each measured round.
    OutboxFigures.rate(
        reports,
        "warm-up " + name,
        "product",
        BenchNodes.bench(nodes.near()) + "/products",
        KeystoneBench.RATE,
        KeystoneBench.WRITE_SETTLE,
        Map.of());
    Acks.drain();
    var load = BenchNodes.load();
    var run =
        OutboxFigures.rate(
            reports,
            name,
            "product",
            BenchNodes.bench(nodes.near()) + "/products",
            KeystoneBench.RATE,
            KeystoneBench.RATE_SECONDS,
            Map.of());
    Acks.drain();
    var stat = run.stat(name);
    table.row(
        "POST at " + KeystoneBench.RATE + "/s without an outbox row (bench WAR, kbench-near)",
        Table.num(stat.ok() / (double) KeystoneBench.RATE_SECONDS, "%.0f"),
        "" + stat.p50(),
        "" + stat.p99(),
        "reference: the 201 without any event; KO " + stat.ko() + "; load " + load);
  }

  private void latencyAt(int rate, String base, Latencies.TopicWatch watch) {
    var load = BenchNodes.load();
    var name = "writes-at-" + rate;
    double generatorCpu = ownCpuSeconds();
    var run =
        OutboxFigures.rate(
            reports, name, "product", base, rate, KeystoneBench.RATE_SECONDS, Map.of());
    generatorCpu = (ownCpuSeconds() - generatorCpu) / KeystoneBench.RATE_SECONDS;
    var acked = Acks.drain();
    var latency = watch.latencies(acked);
    var stat = run.stat(name);
    table.row(
        "POST at " + rate + "/s (the 201)",
        Table.num(acked.size() / (double) KeystoneBench.RATE_SECONDS, "%.0f"),
        "" + stat.p50(),
        "" + stat.p99(),
        "Gatling open model, "
            + KeystoneBench.RATE_SECONDS
            + " s; KO "
            + stat.ko()
            + "; load "
            + load
            + "; Gatling's JVM (load generator and the timing consumer) used "
            + Table.num(generatorCpu, "%.2f")
            + " cores");
    table.row(
        "commit -> Kafka consumer at " + rate + " writes/s",
        "",
        Table.num(latency.p50(), "%.1f"),
        Table.num(latency.p99(), "%.1f"),
        "NOT Gatling: 201 arrival -> a plain KafkaConsumer's poll, "
            + latency.n()
            + "/"
            + latency.of()
            + " matched; max "
            + Table.num(latency.max(), "%.0f")
            + " ms; target p99 < 25 (at 200/s)");
  }

  /** CPU seconds this JVM (Gatling, the timing consumer) has used so far, or NaN. */
  private static double ownCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }
}
