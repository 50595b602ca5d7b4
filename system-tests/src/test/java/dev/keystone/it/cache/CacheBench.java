package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.burst;
import static dev.keystone.it.cache.CacheFixture.insertProduct;
import static dev.keystone.it.cache.CacheFixture.invalidate;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.BenchWar;
import dev.keystone.it.support.DatabaseLoads;
import dev.keystone.it.support.KeystoneStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The cache benchmark (not a timed test; run by {@code bench/cache.sh}): on Liberty servers that
 * differ only in cache settings it measures GET /api/products/{id} on a Redis-tier hit, a
 * near-cache hit and with the cache off (database path), next to the bench WAR's bare Jedis GET
 * endpoint and no-op endpoint (the floor); then the database loads of a 200-request stampede with
 * and without protection. All servers run at once and the five measurements are interleaved round
 * by round (in a rotating order), so a neighbour's build slows all of them alike; medians of the
 * rounds are printed with the load average seen. Only ratios within one run mean anything on a
 * shared machine.
 */
class CacheBench {

  private static final int THREADS = Integer.getInteger("bench.threads", 32);
  private static final long WARMUP_MS = Long.getLong("bench.warmup.ms", 3_000);
  private static final long RUN_MS = Long.getLong("bench.run.ms", 8_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

  /** The reference endpoints: the bench WAR beside the EAR on each server ({@link BenchWar}). */
  private static final String BENCH = BenchWar.CONTEXT_ROOT;

  /** One measured endpoint: a name, its server and the path. */
  private record Target(String name, LibertyServer server, String serverName, String path) {}

  @Test
  void benchmark() throws Exception {
    var servers = new ArrayList<LibertyServer>();
    try {
      // every protection on (coalescing, lease, XFetch, SWR, breaker, metrics); near cache off
      var redisTier =
          server("bench-redis", Map.of("KEYSTONE_CACHE_PRODUCT_NEAR", "false"), servers);
      // near cache with protection off, to spare a fourth server on this machine: a near hit is
      // the same path either way (protection only adds the XFetch coin toss), and this server
      // then shows the unprotected stampede
      var near =
          server(
              "bench-near",
              Map.of(
                  "KEYSTONE_CACHE_PRODUCT_NEAR", "true",
                  "KEYSTONE_CACHE_PRODUCT_PROTECTION", "false"),
              servers);
      var db = server("bench-db", Map.of("KEYSTONE_CACHE_PRODUCT_ENABLED", "false"), servers);
      long id = insertProduct("BENCH");
      var path = "/api/products/" + id;
      for (var s : servers) {
        api(s).get(path); // fills Redis (the near server's tier too)
      }
      var targets =
          List.of(
              new Target("no-op JAX-RS (floor)", redisTier, "bench-redis", BENCH + "/noop"),
              new Target("bare Jedis GET", redisTier, "bench-redis", BENCH + "/redis/" + id),
              new Target("cache hit, Redis tier", redisTier, "bench-redis", path),
              new Target("no-op, near node (floor)", near, "bench-near", BENCH + "/noop"),
              new Target("cache hit, near cache", near, "bench-near", path),
              new Target("cache off (database)", db, "bench-db", path));
      var results = new LinkedHashMap<String, List<LoadGenerator.Result>>();
      targets.forEach(t -> results.put(t.name(), new ArrayList<>()));
      var loads = new ArrayList<String>();
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < targets.size(); i++) {
          var t = targets.get((i + round) % targets.size());
          loads.add(loadAverage());
          results
              .get(t.name())
              .add(
                  LoadGenerator.run(
                      t.name(),
                      t.server().httpPort(),
                      t.path(),
                      THREADS,
                      WARMUP_MS,
                      RUN_MS,
                      ServerCpu.of(t.serverName())));
        }
      }
      long protectedLoads = stampede(api(redisTier), false);
      long protectedSlow = stampede(api(redisTier), true);
      long unprotectedLoads = stampede(api(near), false);
      long unprotectedSlow = stampede(api(near), true);
      print(
          results,
          loads,
          new long[] {protectedLoads, unprotectedLoads, protectedSlow, unprotectedSlow});
    } finally {
      servers.forEach(LibertyServer::stop);
    }
  }

  private static LibertyServer server(
      String name, Map<String, String> cache, List<LibertyServer> started) {
    var server = BenchWar.startNode(name, cache);
    started.add(server);
    return server;
  }

  private static CacheFixture.Node api(LibertyServer server) {
    return new CacheFixture.Node(server);
  }

  /**
   * 200 concurrent reads of a key just invalidated; the database loads they cost. With {@code
   * slowDb} the products table is locked for the burst's first second, as a busy database would
   * hold the loads, so that every reader arrives while the first load is still running.
   */
  private static long stampede(CacheFixture.Node api, boolean slowDb) throws Exception {
    long id = insertProduct("BENCHSTAMPEDE");
    var path = "/api/products/" + id;
    api.get(path);
    try (var redis = CacheFixture.redis()) {
      invalidate(redis, id);
    }
    long before = DatabaseLoads.productFinds();
    if (!slowDb) {
      burst(List.of(api), path, 200);
    } else {
      try (var lock = KeystoneStack.get().database()) {
        lock.setAutoCommit(false);
        try (var s = lock.createStatement()) {
          s.execute("lock table products in access exclusive mode");
        }
        var fired =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    burst(List.of(api), path, 200);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        lock.rollback();
        fired.get();
      }
    }
    return DatabaseLoads.productFinds() - before;
  }

  private static String loadAverage() {
    try {
      var parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static void print(
      Map<String, List<LoadGenerator.Result>> results, List<String> loads, long[] stampedes) {
    results.values().forEach(runs -> runs.forEach(System.out::println)); // raw, round by round
    var medians = new LinkedHashMap<String, LoadGenerator.Result>();
    results.forEach((name, runs) -> medians.put(name, median(name, runs)));
    double floor = medians.get("no-op JAX-RS (floor)").rps();
    double bare = medians.get("bare Jedis GET").rps();
    double dbPath = medians.get("cache off (database)").rps();
    double floorCpu = medians.get("no-op JAX-RS (floor)").cpuUsPerRequest();
    double bareCpu = medians.get("bare Jedis GET").cpuUsPerRequest();
    var out = new StringBuilder();
    out.append(
        String.format(
            "%n%-24s %10s %7s %7s %9s %7s %7s %7s %7s %7s %6s  %s%n",
            "GET (" + THREADS + " conns)",
            "CPU us/req",
            "x floor",
            "x bare",
            "req/s",
            "p50 ms",
            "p99 ms",
            "x floor",
            "x bare",
            "x db",
            "errors",
            "req/s per round"));
    medians.forEach(
        (name, r) ->
            out.append(
                String.format(
                    "%-24s %10.0f %7.2f %7.2f %9.0f %7.2f %7.2f %7.2f %7.2f %7.2f %6d  %s%n",
                    name,
                    r.cpuUsPerRequest(),
                    floorCpu / r.cpuUsPerRequest(),
                    bareCpu / r.cpuUsPerRequest(),
                    r.rps(),
                    r.p50Ms(),
                    r.p99Ms(),
                    r.rps() / floor,
                    r.rps() / bare,
                    r.rps() / dbPath,
                    r.errors(),
                    results.get(name).stream().map(x -> "%.0f".formatted(x.rps())).toList())));
    out.append(
        String.format(
            "%d rounds x %d endpoints, %d ms warm-up + %d ms each; 1-min load average before each"
                + " run: %s%n",
            ROUNDS, results.size(), WARMUP_MS, RUN_MS, loads));
    // the near-cache target is against the floor of the same server (its own JVM)
    var nearFloor = medians.get("no-op, near node (floor)");
    var nearHit = medians.get("cache hit, near cache");
    out.append(
        String.format(
            "near-cache hit / its own node's floor: %.2f x req/s, %.2f x CPU per request%n",
            nearHit.rps() / nearFloor.rps(),
            nearFloor.cpuUsPerRequest() / nearHit.cpuUsPerRequest()));
    out.append(
        String.format(
            "stampede, 200 concurrent misses on one server: %d database load(s) with protection,"
                + " %d without; with the table locked for the first second: %d with, %d without%n",
            stampedes[0], stampedes[1], stampedes[2], stampedes[3]));
    System.out.println(out);
  }

  /** Median of each figure over the rounds (errors summed). */
  private static LoadGenerator.Result median(String name, List<LoadGenerator.Result> runs) {
    return new LoadGenerator.Result(
        name,
        med(runs.stream().mapToDouble(LoadGenerator.Result::rps).toArray()),
        med(runs.stream().mapToDouble(LoadGenerator.Result::p50Ms).toArray()),
        med(runs.stream().mapToDouble(LoadGenerator.Result::p99Ms).toArray()),
        runs.stream().mapToLong(LoadGenerator.Result::errors).sum(),
        med(runs.stream().mapToDouble(LoadGenerator.Result::cpuUsPerRequest).toArray()));
  }

  private static double med(double[] values) {
    java.util.Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
