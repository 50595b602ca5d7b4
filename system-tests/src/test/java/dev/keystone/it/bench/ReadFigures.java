package dev.keystone.it.bench;

import dev.keystone.it.support.BenchWar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The read figures, each also as a ratio to the floor measured in the same run: the bare JAX-RS
 * no-op ({@code bench-bare-module}: no filter, no token, no CDI) on the near node. Beside req/s,
 * p50 and p99, the serving JVM's CPU per request. Then a JFR profile of the authenticated
 * near-cache hit, its CPU shared out by stage (docs/benchmarks.md).
 */
final class ReadFigures {

  /** Products read at random, as a catalog's hot set would be. */
  static final int PRODUCTS = Integer.getInteger("bench.read.products", 100);

  static final int PROFILE_SECONDS = Integer.getInteger("bench.profile.seconds", 20);

  private final Table table;
  private final Costs costs;
  private Map<String, String> bodies;
  private BenchNodes nodes;

  ReadFigures(Table table, List<Path> reports) {
    this.table = table;
    this.costs = new Costs(reports, KeystoneBench.USERS);
  }

  void reads(BenchNodes nodes) throws Exception {
    var ids = new ArrayList<String>();
    for (int i = 0; i < PRODUCTS; i++) {
      ids.add(Long.toString(BenchNodes.product(5)));
    }
    var redisBase = BenchNodes.url(nodes.redis());
    var nearBase = BenchNodes.url(nodes.near());
    var dbBase = BenchNodes.url(nodes.db());
    String before = "";
    for (var id : ids) { // fills both caches
      before = BenchNodes.read(redisBase, Long.parseLong(id));
      before += " / " + BenchNodes.read(nearBase, Long.parseLong(id));
    }
    bodies = Map.of("bench.body", "get", "bench.ids", String.join(",", ids));
    this.nodes = nodes;
    var near = nodes.near();
    var targets =
        List.of(
            target("bare", "bare JAX-RS no-op (the floor)", near, bareUrl(near)),
            target("bench-noop", "bench WAR no-op, full token check", near, "/noop"),
            target("me", "Keystone no-op via the gateway (/api/me)", near, null),
            target("hit-near", "GET product, near-cache hit", near, null),
            target("hit-redis", "GET product, Redis-tier hit", nodes.redis(), null),
            target("bare-jedis", "bench WAR bare Jedis GET", nodes.redis(), "/redis/{id}"),
            target("db-path", "GET product, cache off (database)", nodes.db(), null),
            target("plain-sql", "bench WAR plain SQL read", nodes.db(), "/db/{id}"));
    table.section(
        "reads, "
            + KeystoneBench.USERS
            + " connections, random ids of "
            + PRODUCTS
            + ", load "
            + BenchNodes.load());
    var figures =
        costs.measure(targets, KeystoneBench.WARMUP, KeystoneBench.ROUNDS, KeystoneBench.SECONDS);
    var floor = figures.get("bare");
    for (var f : figures.values()) {
      table.row(
          f.target().label(),
          Table.num(f.rate(), "%.0f") + " (" + Table.num(f.rate() / floor.rate(), "%.2f") + "x)",
          "" + f.p50(),
          f.p99() + " (" + Table.num(f.p99() / (double) floor.p99(), "%.1f") + "x)",
          "CPU "
              + Table.num(f.cpuMicros(), "%.0f")
              + " us/req ("
              + Table.num(f.cpuMicros() / floor.cpuMicros(), "%.2f")
              + "x); rounds "
              + f.rates().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + "/s; KO "
              + f.ko());
    }
    var hit = figures.get("hit-near");
    var redis = figures.get("hit-redis");
    table.ratio("near-cache hit / bare no-op, req/s", hit.rate() / floor.rate(), 0.5, true);
    table.ratio(
        "near-cache hit / bare no-op, CPU per request",
        hit.cpuMicros() / floor.cpuMicros(),
        2.0,
        false);
    table.ratio("near-cache hit / bare no-op, p99", hit.p99() / (double) floor.p99(), 3.0, false);
    table.ratio(
        "Redis-tier hit / bare Jedis GET, req/s",
        redis.rate() / figures.get("bare-jedis").rate(),
        0.9,
        true);
    table.ratio(
        "Redis-tier hit / database path, req/s",
        redis.rate() / figures.get("db-path").rate(),
        1.5,
        true);
    table.notes.add("Cache-Status of the last product before the run (redis / near): " + before);
    table.notes.add(
        "reads: each target a closed loop of its own, the targets in turn, "
            + KeystoneBench.WARMUP
            + " s warm-up then "
            + KeystoneBench.ROUNDS
            + " x "
            + KeystoneBench.SECONDS
            + " s; CPU = the serving Liberty JVM (all threads) / answered requests; p50 the"
            + " median round's, p99 the worst round's");
    profile(targets.get(3), "near-cache hit");
    profile(targets.get(4), "Redis-tier hit");
  }

  /** A JFR profile of {@code target} under the same load, unmeasured; its stages in the notes. */
  private void profile(Costs.Target target, String title) throws Exception {
    var dir = GatlingRun.RESULTS.getParent().resolve("profiles");
    Files.createDirectories(dir);
    var file = dir.resolve(target.key() + ".jfr");
    var stages = costs.profile(target, PROFILE_SECONDS, file);
    stages.write(file, title);
    table.notes.add(
        "profile of the "
            + title
            + " ("
            + PROFILE_SECONDS
            + " s, JFR, request threads' samples by stage; "
            + file
            + "): "
            + String.join(
                "; ", stages.lines().stream().map(l -> l.replaceAll(" +", " ")).toList()));
  }

  private Costs.Target target(
      String key, String label, dev.keystone.devstack.LibertyServer node, String path) {
    String url;
    if (path == null) {
      url = BenchNodes.url(node) + (key.equals("me") ? "/api/me" : "/api/products/{id}");
    } else if (path.startsWith("http")) {
      url = path;
    } else {
      url = BenchNodes.bench(node) + path;
    }
    return new Costs.Target(key, label + " [" + nodes.nameOf(node) + "]", node, url, bodies);
  }

  private static String bareUrl(dev.keystone.devstack.LibertyServer node) {
    return BenchWar.bareUrl(node) + "/noop";
  }
}
