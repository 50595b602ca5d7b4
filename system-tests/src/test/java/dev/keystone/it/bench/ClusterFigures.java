package dev.keystone.it.bench;

import dev.keystone.devstack.DevStack;
import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.BenchWar;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What replication costs a write: {@code POST /api/products} on {@code kbench-redis} (the run's
 * single broker, replication factor 1) beside {@code kbench-rf3}, a node with the same settings
 * whose only difference is its Kafka: the cluster profile's three KRaft nodes (replication factor
 * 3, {@code min.insync.replicas=2}, {@code acks=all} as always), started for this phase with the
 * rest of the cluster stack (docs/operations.md). Both share the run's PostgreSQL and Redis. Closed
 * -loop write throughput and the Liberty JVM's CPU per write, then commit→consumer latency at
 * {@link KeystoneBench#RATE} writes/s to a plain consumer of each broker's topic.
 */
final class ClusterFigures {

  private final Table table;
  private final List<Path> reports;

  ClusterFigures(Table table, List<Path> reports) {
    this.table = table;
    this.reports = reports;
  }

  void measure(BenchNodes nodes) throws Exception {
    var itDir = Path.of(System.getProperty("keystone.it.dir", "target/it")).toAbsolutePath();
    try (var cluster =
        DevStack.builder()
            .dataDir(itDir.resolve("bench-cluster"))
            .randomPorts()
            .cluster()
            .start()) {
      var engines = cluster.applicationEnvironment();
      var settings = new HashMap<String, String>();
      settings.put("KEYSTONE_CACHE_PRODUCT_NEAR", "false");
      settings.put("KEYSTONE_KAFKA_TOPIC_PREFIX", BenchNodes.OWN_PREFIX);
      settings.put("KEYSTONE_KAFKA_BOOTSTRAP", engines.get("KEYSTONE_KAFKA_BOOTSTRAP"));
      settings.put(
          "KEYSTONE_KAFKA_REPLICATION_FACTOR", engines.get("KEYSTONE_KAFKA_REPLICATION_FACTOR"));
      var rf3 = BenchWar.startNode("kbench-rf3", settings);
      try {
        throughput(nodes.redis(), rf3);
        latency(
            nodes.redis(),
            "single broker",
            dev.keystone.it.support.KeystoneStack.get().devstack().endpoints().kafkaBootstrap());
        latency(rf3, "three brokers", engines.get("KEYSTONE_KAFKA_BOOTSTRAP"));
      } finally {
        rf3.stop();
      }
    }
    table.notes.add(
        "cluster: kbench-rf3 = kbench-redis's settings on the cluster profile's Kafka (3 KRaft"
            + " nodes, replication factor 3, min.insync.replicas 2, acks=all); both on the run's"
            + " PostgreSQL and Redis");
  }

  private void throughput(LibertyServer single, LibertyServer rf3) {
    var costs = new Costs(reports, KeystoneBench.WRITERS);
    var targets =
        List.of(
            write("rf1", "POST /api/products, replication factor 1 [kbench-redis]", single),
            write("rf3", "POST /api/products, replication factor 3 [kbench-rf3]", rf3));
    table.section("replication, " + KeystoneBench.WRITERS + " clients, load " + BenchNodes.load());
    var figures = costs.measure(targets, WriteCosts.WARMUP, WriteCosts.ROUNDS, WriteCosts.SECONDS);
    var reference = figures.get("rf1");
    for (var f : figures.values()) {
      table.row(
          f.target().label(),
          Table.num(f.rate(), "%.0f")
              + " ("
              + Table.num(f.rate() / reference.rate(), "%.2f")
              + "x)",
          "" + f.p50(),
          "" + f.p99(),
          "Liberty CPU "
              + Table.num(f.cpuMicros(), "%.0f")
              + " us/write; rounds "
              + f.rates().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + "/s; KO "
              + f.ko());
    }
  }

  private static Costs.Target write(String key, String label, LibertyServer node) {
    return new Costs.Target(
        key, label, node, BenchNodes.url(node) + "/api/products", Map.of("bench.body", "product"));
  }

  private void latency(LibertyServer node, String label, String bootstrap) throws Exception {
    var base = BenchNodes.url(node) + "/api/products";
    var name = "writes-at-" + KeystoneBench.RATE + "-" + node.serverName();
    try (var watch = new Latencies.TopicWatch(BenchNodes.OWN_PREFIX + "product", bootstrap)) {
      OutboxFigures.rate(
          reports, "warm-up " + name, "product", base, KeystoneBench.RATE, 60, Map.of());
      Acks.drain();
      var load = BenchNodes.load();
      var run =
          OutboxFigures.rate(
              reports,
              name,
              "product",
              base,
              KeystoneBench.RATE,
              KeystoneBench.RATE_SECONDS,
              Map.of());
      var acked = Acks.drain();
      var latency = watch.latencies(acked);
      var stat = run.stat(name);
      table.row(
          "commit -> Kafka consumer at " + KeystoneBench.RATE + " writes/s, " + label,
          Table.num(acked.size() / (double) KeystoneBench.RATE_SECONDS, "%.0f"),
          Table.num(latency.p50(), "%.1f"),
          Table.num(latency.p99(), "%.1f"),
          "201 arrival -> a plain KafkaConsumer's poll, "
              + latency.n()
              + "/"
              + latency.of()
              + " matched; max "
              + Table.num(latency.max(), "%.0f")
              + " ms; the 201's p50/p99 "
              + stat.p50()
              + "/"
              + stat.p99()
              + " ms; KO "
              + stat.ko()
              + "; load "
              + load);
    }
  }
}
