package dev.keystone.it.bench;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.BenchWar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What tracing and the consistency sampler cost: the authenticated near-cache hit and {@code POST
 * /api/products} on nodes that differ only in those settings, side by side in one run (the targets
 * in turn, round by round). {@code kbench-near} is the reference: OpenTelemetry off, the sampler on
 * once a minute (both production defaults). Two nodes started for this phase sample traces at 1 %
 * ({@code parentbased_traceidratio}, the production suggestion of docs/tracing.md) and at 100 %
 * ({@code always_on}), exporting over OTLP/HTTP to the test JVM's receiver as a collector would
 * take them; a third runs with the sampler off. They are stopped at the end of the phase.
 */
final class TracingCosts {

  private final Table table;
  private final Costs reads;
  private final Costs writes;

  TracingCosts(Table table, List<Path> reports) {
    this.table = table;
    this.reads = new Costs(reports, KeystoneBench.USERS);
    this.writes = new Costs(reports, KeystoneBench.WRITERS);
  }

  void measure(BenchNodes nodes) throws Exception {
    var traced1 = startNode("kbench-trace1", tracing("parentbased_traceidratio", "0.01"));
    var traced100 = startNode("kbench-trace100", tracing("always_on", "1"));
    var unsampled =
        startNode("kbench-nosampler", Map.of("KEYSTONE_CACHE_CONSISTENCY_INTERVAL_MS", "0"));
    try {
      var nodeList = List.of(nodes.near(), traced1, traced100, unsampled);
      var labels = List.of("tracing off, sampler on", "traces 1 %", "traces 100 %", "sampler off");
      var keys = List.of("off", "t1", "t100", "nosampler");
      var ids = new ArrayList<String>();
      for (int i = 0; i < ReadFigures.PRODUCTS; i++) {
        ids.add(Long.toString(BenchNodes.product(5)));
      }
      for (var node : nodeList) { // fills each node's near cache (and Redis once)
        for (var id : ids) {
          BenchNodes.read(BenchNodes.url(node), Long.parseLong(id));
        }
      }
      var body = Map.of("bench.body", "get", "bench.ids", String.join(",", ids));
      var hitTargets = new ArrayList<Costs.Target>();
      var writeTargets = new ArrayList<Costs.Target>();
      for (int i = 0; i < nodeList.size(); i++) {
        var node = nodeList.get(i);
        var base = BenchNodes.url(node);
        hitTargets.add(
            new Costs.Target(
                "hit-" + keys.get(i),
                "near-cache hit, " + labels.get(i),
                node,
                base + "/api/products/{id}",
                body));
        if (i < 3) { // the sampler does not run on the write path
          writeTargets.add(
              new Costs.Target(
                  "write-" + keys.get(i),
                  "POST /api/products, " + labels.get(i),
                  node,
                  base + "/api/products",
                  Map.of("bench.body", "product")));
        }
      }
      table.section("tracing and the consistency sampler, load " + BenchNodes.load());
      var hits =
          reads.measure(
              hitTargets, KeystoneBench.WARMUP, KeystoneBench.ROUNDS, KeystoneBench.SECONDS);
      report(hits, hits.get("hit-off"));
      var posts =
          writes.measure(writeTargets, WriteCosts.WARMUP, WriteCosts.ROUNDS, WriteCosts.SECONDS);
      report(posts, posts.get("write-off"));
      table.notes.add(
          "tracing and sampler: the same settings but OpenTelemetry (1 %: parentbased_traceidratio"
              + " 0.01, 100 %: always_on, OTLP/HTTP to the test JVM, batch delay 200 ms) or the"
              + " consistency sampler (0 = off; on = once a minute, 100 entries); ratios to the"
              + " node with tracing off and the sampler on");
    } finally {
      for (var node : List.of(traced1, traced100, unsampled)) {
        node.stop(); // frees the cores for the phases after this one
      }
    }
  }

  private void report(Map<String, Costs.Figures> figures, Costs.Figures reference) {
    for (var f : figures.values()) {
      table.row(
          f.target().label() + " [" + f.target().node().serverName() + "]",
          Table.num(f.rate(), "%.0f")
              + " ("
              + Table.num(f.rate() / reference.rate(), "%.2f")
              + "x)",
          "" + f.p50(),
          "" + f.p99(),
          "CPU "
              + Table.num(f.cpuMicros(), "%.0f")
              + " us/req ("
              + Table.num(f.cpuMicros() / reference.cpuMicros(), "%.2f")
              + "x); rounds "
              + f.rates().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + "/s; KO "
              + f.ko());
    }
  }

  private static LibertyServer startNode(String name, Map<String, String> settings) {
    var all = new java.util.HashMap<>(BenchNodes.NEAR);
    all.putAll(settings);
    return BenchWar.startNode(name, all);
  }

  private static Map<String, String> tracing(String sampler, String argument) {
    return Map.of(
        "OTEL_SDK_DISABLED", "false",
        "OTEL_TRACES_SAMPLER", sampler,
        "OTEL_TRACES_SAMPLER_ARG", argument);
  }
}
