package dev.keystone.it.bench;

import dev.keystone.it.support.DatabaseLoads;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache figures: closed-loop GETs on every read path (Redis-tier hit, near-cache hit, database
 * path) next to the bench WAR's reference endpoints on the same nodes, and stampedes with and
 * without protection.
 */
final class CacheFigures {

  private final Table table;
  private final List<Path> reports;

  CacheFigures(Table table, List<Path> reports) {
    this.table = table;
    this.reports = reports;
  }

  /** Closed-loop GETs on every read path, interleaved rounds. */
  void reads(BenchNodes nodes) {
    long id = BenchNodes.product(5);
    var redisBase = BenchNodes.url(nodes.redis());
    var nearBase = BenchNodes.url(nodes.near());
    var dbBase = BenchNodes.url(nodes.db());
    BenchNodes.read(redisBase, id);
    BenchNodes.read(nearBase, id);
    var statuses =
        "Cache-Status before the run: redis node "
            + BenchNodes.read(redisBase, id)
            + "; near node "
            + BenchNodes.read(nearBase, id)
            + "; db node "
            + BenchNodes.read(dbBase, id);
    var targets = new java.util.LinkedHashMap<String, String>();
    // Each hit is compared with reference endpoints (the bench WAR) on its own server (a JVM of its
    // own, with its own JIT and share of the machine): Redis-tier hit vs bare Jedis on
    // kbench-redis, near hit vs the no-op floor on kbench-near, database path vs one plain SQL read
    // on kbench-db.
    targets.put("floor", BenchNodes.bench(nodes.redis()) + "/noop");
    targets.put("bare-jedis", BenchNodes.bench(nodes.redis()) + "/redis/" + id);
    targets.put("hit-redis", redisBase + "/api/products/" + id);
    targets.put("floor-near", BenchNodes.bench(nodes.near()) + "/noop");
    targets.put("hit-near", nearBase + "/api/products/" + id);
    targets.put("plain-sql", BenchNodes.bench(nodes.db()) + "/db/" + id);
    targets.put("db-path", dbBase + "/api/products/" + id);
    table.section(
        "cache reads, " + KeystoneBench.USERS + " connections, load " + BenchNodes.load());
    var run =
        GatlingRun.run(
            ReadSimulation.class,
            "cache reads",
            KeystoneBench.settings(
                Map.of(
                    "bench.targets", Sims.encode(targets),
                    "bench.users", "" + KeystoneBench.USERS,
                    "bench.rounds", "" + KeystoneBench.ROUNDS,
                    "bench.warmup.seconds", "" + KeystoneBench.WARMUP,
                    "bench.seconds", "" + KeystoneBench.SECONDS)));
    reports.add(run.report());
    var rates = new HashMap<String, Double>();
    var labels =
        Map.of(
            "floor", "bench WAR: no-op JAX-RS endpoint (floor)",
            "floor-near", "bench WAR: no-op JAX-RS endpoint, near node (floor)",
            "bare-jedis", "bench WAR: bare Jedis GET endpoint",
            "plain-sql", "bench WAR: plain SQL read endpoint (db node)",
            "hit-redis", "GET product, Redis-tier hit (all protection)",
            "hit-near", "GET product, near-cache hit",
            "db-path", "GET product, cache off (database)");
    for (var name : targets.keySet()) {
      var stat = run.stat(name);
      double rate = stat.ok() / (double) (KeystoneBench.ROUNDS * KeystoneBench.SECONDS);
      rates.put(name, rate);
      table.row(
          labels.get(name),
          Table.num(rate, "%.0f"),
          "" + stat.p50(),
          "" + stat.p99(),
          "Gatling, "
              + KeystoneBench.ROUNDS
              + "x"
              + KeystoneBench.SECONDS
              + " s interleaved; KO "
              + stat.ko());
    }
    table.notes.add(statuses);
    table.ratio(
        "Redis-tier hit / bare Jedis GET",
        rates.get("hit-redis") / rates.get("bare-jedis"),
        0.9,
        true);
    table.ratio(
        "Redis-tier hit / database path", rates.get("hit-redis") / rates.get("db-path"), 1.5, true);
    table.ratio(
        "near-cache hit / no-op floor (same node)",
        rates.get("hit-near") / rates.get("floor-near"),
        0.85,
        true);
    table.row(
        "(bare Jedis / floor; bare Jedis / db)",
        "",
        "",
        "",
        Table.num(rates.get("bare-jedis") / rates.get("floor"), "%.2f")
            + "; "
            + Table.num(rates.get("bare-jedis") / rates.get("db-path"), "%.2f"));
    table.row(
        "(database path / plain SQL read)",
        "",
        "",
        "",
        Table.num(rates.get("db-path") / rates.get("plain-sql"), "%.2f"));
  }

  /** {@value #STAMPEDE}-user bursts on a freshly invalidated key, with and without protection. */
  void stampedes(BenchNodes nodes) {
    table.section(
        "stampede, " + KeystoneBench.STAMPEDE + " concurrent GETs of one invalidated key");
    long worstProtected = 0;
    for (int round = 0; round < KeystoneBench.ROUNDS; round++) {
      for (var node : List.of(nodes.redis(), nodes.near())) {
        boolean protectedNode = node == nodes.redis();
        var base = BenchNodes.url(node);
        long id = BenchNodes.product(5);
        BenchNodes.read(base, id);
        BenchNodes.invalidate(id);
        long before = DatabaseLoads.productFinds();
        var name = protectedNode ? "stampede-protected" : "stampede-unprotected";
        var run =
            GatlingRun.run(
                BurstSimulation.class,
                name,
                KeystoneBench.settings(
                    Map.of(
                        "bench.name", name,
                        "bench.url", base + "/api/products/" + id,
                        "bench.users", "" + KeystoneBench.STAMPEDE)));
        long loads = DatabaseLoads.productFinds() - before;
        reports.add(run.report());
        var stat = run.stat(name);
        table.row(
            (protectedNode ? "protection on" : "protection off") + ", round " + (round + 1),
            loads + " loads",
            "" + stat.p50(),
            "" + stat.p99(),
            "DB loads from pg_stat_statements; Gatling OK "
                + stat.ok()
                + " KO "
                + stat.ko()
                + "; load "
                + BenchNodes.load());
        if (protectedNode) {
          worstProtected = Math.max(worstProtected, loads);
        }
      }
    }
    table.ratio("stampede DB loads per key, protected (worst)", worstProtected, 1, false);
  }
}
