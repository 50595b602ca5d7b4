package dev.keystone.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.BenchWar;
import dev.keystone.it.support.KeystoneStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import redis.clients.jedis.JedisPooled;

/**
 * The servers of a bench run and what is set up on them. Besides the Arquillian server (outbox,
 * relay, sweeper and consumers on: the commit→consumer figures), three extra nodes, all up at once
 * so that their measurements can take turns, each with the bench WAR ({@link BenchWar}: the
 * reference endpoints under {@code /bench}) deployed beside the EAR:
 *
 * <ul>
 *   <li>{@code kbench-redis}: near cache off, every protection on, publishing to its own topics
 *       ({@link #OWN_PREFIX}) that no application consumer reads: its write figures (throughput,
 *       commit→consumer) do not pay for the main server's consumers (audit, cache refresh) on the
 *       shared cores, which the writes without an outbox would not pay either;
 *   <li>{@code kbench-near}: near cache on, stampede protection off, its own topics too; the bench
 *       WAR's writes without an outbox row run here;
 *   <li>{@code kbench-db}: product cache off (the database path).
 * </ul>
 *
 * <p>Like a production server without settings, they run with OpenTelemetry off ({@link
 * BenchWar#startNode}); the tracing phase ({@link TracingCosts}) starts nodes with it on.
 */
record BenchNodes(LibertyServer redis, LibertyServer near, LibertyServer db) {

  /** The topic prefix of {@code kbench-redis}'s events ({@code kbench.product}, …). */
  static final String OWN_PREFIX = "kbench.";

  /**
   * {@code kbench-near}'s settings, shared by the nodes that are compared with it: its writes
   * publish to the bench's own topics too, so that no application consumer works on them.
   */
  static final Map<String, String> NEAR =
      Map.of(
          "KEYSTONE_CACHE_PRODUCT_NEAR", "true",
          "KEYSTONE_CACHE_PRODUCT_PROTECTION", "false",
          "KEYSTONE_KAFKA_TOPIC_PREFIX", OWN_PREFIX);

  static BenchNodes start() {
    return new BenchNodes(
        BenchWar.startNode(
            "kbench-redis",
            Map.of(
                "KEYSTONE_CACHE_PRODUCT_NEAR", "false", "KEYSTONE_KAFKA_TOPIC_PREFIX", OWN_PREFIX)),
        BenchWar.startNode("kbench-near", NEAR),
        BenchWar.startNode("kbench-db", Map.of("KEYSTONE_CACHE_PRODUCT_ENABLED", "false")));
  }

  /** The node's server name, for labels. */
  String nameOf(LibertyServer server) {
    return server == redis ? "kbench-redis" : server == near ? "kbench-near" : "kbench-db";
  }

  /** The shop's base URL on {@code server} ({@code /api/...} follows). */
  static String url(LibertyServer server) {
    return "http://localhost:" + server.httpPort();
  }

  /** The bench WAR's base URL on {@code server} ({@code /noop}, {@code /redis/{id}}, ...). */
  static String bench(LibertyServer server) {
    return BenchWar.url(server);
  }

  static String main() {
    return KeystoneStack.get().baseUrl();
  }

  static String authorization() {
    return "Bearer " + KeystoneStack.get().tokens().mint("admin", Api.ADMIN_SUBJECT);
  }

  /** Creates a product (through the Arquillian server); returns its id. */
  static long product(int stock) {
    return retried(() -> createProduct(stock));
  }

  /**
   * A setup call, retried for up to five minutes: on an overloaded machine a server may still be
   * working off the previous phase's load.
   */
  static <T> T retried(java.util.concurrent.Callable<T> call) {
    var id = new java.util.concurrent.atomic.AtomicReference<T>();
    Awaitility.await("setup call")
        .atMost(Duration.ofMinutes(5))
        .pollDelay(Duration.ZERO) // the first try at once: a read phase sets up hundreds of these
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(
            () -> {
              id.set(call.call());
              return true;
            });
    return id.get();
  }

  private static long createProduct(int stock) {
    var reply =
        Api.keystone()
            .post(
                "/api/products",
                """
                {"sku":"GBS-%s","name":"Bench","price":3.50,"currency":"EUR","stock":%d}
                """
                    .formatted(UUID.randomUUID().toString().substring(0, 12), stock));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getJsonNumber("id").longValue();
  }

  static long customer() {
    return retried(BenchNodes::createCustomer);
  }

  private static long createCustomer() {
    var reply =
        Api.keystone()
            .post(
                "/api/customers",
                """
                {"name":"Bench buyer","email":"bench-%s@example.org"}
                """
                    .formatted(UUID.randomUUID()));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getJsonNumber("id").longValue();
  }

  /** GETs a product on {@code base}; returns its Cache-Status header. */
  static String read(String base, long id) {
    return retried(() -> readOnce(base, id));
  }

  private static String readOnce(String base, long id) {
    var reply = Api.keystone().at(base).get("/api/products/" + id);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return String.valueOf(reply.header("Cache-Status"));
  }

  /**
   * The documented invalidation (docs/cache-contract.md): delete the value and its lease, then
   * announce the key to the near caches.
   */
  static void invalidate(long id) {
    var key = "keystone:v2:{product:" + id + "}";
    try (var redis = new JedisPooled(KeystoneStack.get().devstack().endpoints().redisUrl())) {
      redis.del(key, key + ":lease");
      redis.publish("keystone:v2:invalidate", key);
    }
  }

  /**
   * CPU seconds the server's JVM has used so far (all threads), or NaN if unknown: CPU per request
   * does not depend on what else the shared machine runs, unlike a rate.
   */
  static double cpuSeconds(LibertyServer server) {
    return server
        .pid()
        .flatMap(ProcessHandle::of)
        .flatMap(p -> p.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /** The machine's 1-minute load average (shared with other builds: recorded in the table). */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
