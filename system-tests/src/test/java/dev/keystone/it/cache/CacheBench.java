package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.burst;
import static dev.keystone.it.cache.CacheFixture.createProduct;
import static dev.keystone.it.cache.CacheFixture.invalidate;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.DatabaseLoads;
import dev.keystone.it.support.KeystoneStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache benchmark (not a timed test; run by {@code bench/cache.sh}): on Liberty servers that
 * differ only in cache settings it measures GET /api/products/{id} on a Redis-tier hit, a
 * near-cache hit and with the cache off (database path), next to a bare Jedis GET endpoint and a
 * no-op endpoint (the floor); then the database loads of a 200-request stampede with and without
 * protection. Prints a table. Only ratios within one run mean anything on a shared machine.
 */
class CacheBench {

  private static final int THREADS = Integer.getInteger("bench.threads", 32);
  private static final long WARMUP_MS = Long.getLong("bench.warmup.ms", 5_000);
  private static final long RUN_MS = Long.getLong("bench.run.ms", 10_000);

  @Test
  void benchmark() throws Exception {
    var results = new ArrayList<LoadGenerator.Result>();
    long loadsProtected;
    long loadsUnprotected;

    var redisTier = server("bench-redis", Map.of("KEYSTONE_CACHE_PRODUCT_NEAR", "false"));
    try {
      var api = api(redisTier);
      long id = createProduct(api, "BENCH");
      var path = "/api/products/" + id;
      api.get(path);
      results.add(run("no-op JAX-RS (floor)", redisTier, "/api/bench/noop"));
      results.add(run("bare Jedis GET", redisTier, "/api/bench/redis/" + id));
      results.add(run("cache hit, Redis tier", redisTier, path));
      loadsProtected = stampede(api);
    } finally {
      redisTier.stop();
    }
    // near cache with protection off: the near hit path is the same (it only skips the XFetch
    // coin toss), and the same server then shows the unprotected stampede
    var near =
        server(
            "bench-near",
            Map.of(
                "KEYSTONE_CACHE_PRODUCT_NEAR", "true",
                "KEYSTONE_CACHE_PRODUCT_PROTECTION", "false"));
    try {
      var api = api(near);
      long id = createProduct(api, "BENCH");
      api.get("/api/products/" + id);
      results.add(run("cache hit, near cache", near, "/api/products/" + id));
      loadsUnprotected = stampede(api);
    } finally {
      near.stop();
    }
    var db = server("bench-db", Map.of("KEYSTONE_CACHE_PRODUCT_ENABLED", "false"));
    try {
      var api = api(db);
      long id = createProduct(api, "BENCH");
      results.add(run("cache off (database)", db, "/api/products/" + id));
    } finally {
      db.stop();
    }
    print(results, loadsProtected, loadsUnprotected);
  }

  private static LibertyServer server(String name, Map<String, String> cache) {
    var env = new HashMap<>(cache);
    env.put("KEYSTONE_BENCH_ENABLED", "true");
    return KeystoneStack.get().startExtraServer(name, env);
  }

  private static CacheFixture.Node api(LibertyServer server) {
    return new CacheFixture.Node(server);
  }

  private static LoadGenerator.Result run(String name, LibertyServer server, String path)
      throws Exception {
    return LoadGenerator.run(name, server.httpPort(), path, THREADS, WARMUP_MS, RUN_MS);
  }

  private static long stampede(CacheFixture.Node api) throws Exception {
    long id = createProduct(api, "BENCHSTAMPEDE");
    var path = "/api/products/" + id;
    api.get(path);
    try (var redis = CacheFixture.redis()) {
      invalidate(redis, id);
    }
    long before = DatabaseLoads.productFinds();
    burst(List.of(api), path, 200);
    return DatabaseLoads.productFinds() - before;
  }

  private static void print(List<LoadGenerator.Result> results, long protectedLoads, long off) {
    double floor = find(results, "no-op").rps();
    double bare = find(results, "bare").rps();
    double dbPath = find(results, "database").rps();
    var out = new StringBuilder();
    out.append(
        String.format(
            "%n%-26s %10s %8s %8s %8s %8s %8s %6s%n",
            "GET (" + THREADS + " connections)",
            "req/s",
            "p50 ms",
            "p99 ms",
            "x floor",
            "x bare",
            "x db",
            "errors"));
    for (var r : results) {
      out.append(
          String.format(
              "%-26s %10.0f %8.2f %8.2f %8.2f %8.2f %8.2f %6d%n",
              r.name(),
              r.rps(),
              r.p50Ms(),
              r.p99Ms(),
              r.rps() / floor,
              r.rps() / bare,
              r.rps() / dbPath,
              r.errors()));
    }
    out.append(
        String.format(
            "stampede, 200 concurrent misses on one server: %d database load(s) with protection,"
                + " %d without%n",
            protectedLoads, off));
    System.out.println(out);
  }

  private static LoadGenerator.Result find(List<LoadGenerator.Result> results, String part) {
    return results.stream().filter(r -> r.name().contains(part)).findFirst().orElseThrow();
  }
}
