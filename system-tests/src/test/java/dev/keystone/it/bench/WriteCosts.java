package dev.keystone.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a write costs its server: the Liberty JVM's CPU per {@code POST /api/products} and per
 * {@code POST /api/orders} on the outbox node ({@code kbench-redis}: relay and producer in the same
 * JVM), beside the gateway alone ({@code GET /api/me}, same node) and the bench WAR's plain JDBC
 * product write ({@code kbench-near}); then a JFR profile of each write, whose samples give the
 * gateway's and the outbox's shares. PostgreSQL's and the broker's CPU are not in these figures.
 */
final class WriteCosts {

  static final int WARMUP = Integer.getInteger("bench.writecost.warmup.seconds", 60);
  static final int ROUNDS = Integer.getInteger("bench.writecost.rounds", 2);
  static final int SECONDS = Integer.getInteger("bench.writecost.seconds", 20);
  static final int ORDER_PRODUCTS = 20;

  private final Table table;
  private final Costs costs;

  WriteCosts(Table table, List<Path> reports) {
    this.table = table;
    this.costs = new Costs(reports, KeystoneBench.WRITERS);
  }

  void measure(BenchNodes nodes) throws Exception {
    var products = new ArrayList<String>();
    for (int i = 0; i < ORDER_PRODUCTS; i++) {
      products.add(Long.toString(BenchNodes.product(100_000_000)));
    }
    var customer = Long.toString(BenchNodes.customer());
    var outboxNode = nodes.redis();
    var shop = BenchNodes.url(outboxNode);
    var targets =
        List.of(
            new Costs.Target(
                "plain-write",
                "bench WAR POST /bench/products, plain JDBC [kbench-near]",
                nodes.near(),
                BenchNodes.bench(nodes.near()) + "/products",
                Map.of("bench.body", "product")),
            new Costs.Target(
                "gateway",
                "GET /api/me, the gateway alone [kbench-redis]",
                outboxNode,
                shop + "/api/me",
                Map.of("bench.body", "get")),
            new Costs.Target(
                "post-product",
                "POST /api/products, outbox on [kbench-redis]",
                outboxNode,
                shop + "/api/products",
                Map.of("bench.body", "product")),
            new Costs.Target(
                "post-order",
                "POST /api/orders, outbox on [kbench-redis]",
                outboxNode,
                shop + "/api/orders",
                Map.of(
                    "bench.body",
                    "order",
                    "bench.customer",
                    customer,
                    "bench.products",
                    String.join(",", products))));
    table.section("write cost, " + KeystoneBench.WRITERS + " clients, load " + BenchNodes.load());
    var figures = costs.measure(targets, WARMUP, ROUNDS, SECONDS);
    for (var f : figures.values()) {
      table.row(
          f.target().label(),
          Table.num(f.rate(), "%.0f"),
          "" + f.p50(),
          "" + f.p99(),
          "Liberty CPU "
              + Table.num(f.cpuMicros(), "%.0f")
              + " us/request; rounds "
              + f.rates().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + "/s; KO "
              + f.ko());
    }
    table.notes.add(
        "write cost: "
            + WARMUP
            + " s warm-up per target, then "
            + ROUNDS
            + " x "
            + SECONDS
            + " s (not the 8 minutes a write's JIT needs to settle: compare within the run)");
    for (var key : List.of("post-product", "post-order")) {
      var target = figures.get(key).target();
      var dir = GatlingRun.RESULTS.getParent().resolve("profiles");
      Files.createDirectories(dir);
      var file = dir.resolve(key + ".jfr");
      var stages = costs.profile(target, ReadFigures.PROFILE_SECONDS, file);
      stages.write(file, target.label());
      double all = stages.allSamples();
      double gateway = stages.share(s -> s.startsWith(Stages.GATEWAY), (long) all);
      double outbox = stages.share(s -> s.startsWith("outbox"), (long) all);
      double cpu = figures.get(key).cpuMicros();
      table.row(
          "  shares of " + key + "'s Liberty CPU",
          "",
          "",
          "",
          "gateway "
              + Table.num(100 * gateway, "%.0f")
              + " % (~"
              + Table.num(gateway * cpu, "%.0f")
              + " us), outbox "
              + Table.num(100 * outbox, "%.0f")
              + " % (~"
              + Table.num(outbox * cpu, "%.0f")
              + " us) of all JFR samples");
      table.notes.add(
          "profile of "
              + key
              + " ("
              + file
              + "): "
              + String.join(
                  "; ", stages.lines().stream().map(l -> l.replaceAll(" +", " ")).toList()));
    }
  }
}
