package dev.keystone.it.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import redis.clients.jedis.JedisPooled;

/**
 * Shared helpers of the cache ITs: products, a plain Redis client speaking the documented key
 * scheme, concurrent bursts, and the extra Liberty servers (started once per run, on demand).
 */
final class CacheFixture {

  /**
   * Server A: 30 s TTL (long enough that a burst on this loaded machine ends before its value turns
   * stale, short enough to watch it go stale), no XFetch, no near cache.
   */
  static final Map<String, String> NODE_A =
      Map.of(
          "KEYSTONE_CACHE_PRODUCT_TTL_SECONDS", "30",
          "KEYSTONE_CACHE_PRODUCT_BETA", "0", // no XFetch here: the SWR test counts loads exactly
          "KEYSTONE_CACHE_PRODUCT_GRACE_SECONDS", "60",
          "KEYSTONE_CACHE_PRODUCT_NEAR", "false",
          "KEYSTONE_CACHE_PRODUCT_WAIT_MS", "5000",
          "KEYSTONE_CACHE_PRODUCT_LEASE_MS", "30000");

  /** Server B: a second node on the same Redis, near cache on, 3 s TTL, eager XFetch. */
  static final Map<String, String> NODE_B =
      Map.of(
          "KEYSTONE_CACHE_PRODUCT_TTL_SECONDS", "3",
          "KEYSTONE_CACHE_PRODUCT_BETA", "30",
          "KEYSTONE_CACHE_PRODUCT_NEAR", "true",
          "KEYSTONE_CACHE_PRODUCT_NEAR_TTL_MS", "1000",
          "KEYSTONE_CACHE_PRODUCT_WAIT_MS", "5000",
          "KEYSTONE_CACHE_PRODUCT_LEASE_MS", "30000");

  /**
   * HTTP/1.1 on purpose: over HTTP/2 the JDK client multiplexes a whole burst onto one connection,
   * and Liberty answers 200 concurrent streams with GOAWAY.
   */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * Server C: A's twin, the second server of the two-server stampede. (B cannot be: its 3 s TTL and
   * eager XFetch refresh a key several times during a long burst, each refresh a legitimate load.)
   */
  static final Map<String, String> NODE_C = NODE_A;

  private static LibertyServer nodeA;
  private static LibertyServer nodeB;
  private static LibertyServer nodeC;

  private CacheFixture() {}

  /** One Liberty server, spoken to over HTTP/1.1. */
  record Node(String url, String httpsUrl) {
    Node(LibertyServer server) {
      this("http://localhost:" + server.httpPort(), "https://localhost:" + server.httpsPort());
    }

    /** This node's application metrics (Prometheus text), read as the operator. */
    String metrics() {
      return dev.keystone.it.support.OperatorMetrics.scrape(httpsUrl);
    }

    Api.Reply get(String path) {
      return CacheFixture.get(url, path);
    }
  }

  /**
   * Server A. The cache ITs run on two servers of their own, deployed by configuration (not by
   * Arquillian), started once per run on first use and stopped with the stack.
   */
  static synchronized Node nodeA() {
    if (nodeA == null) {
      nodeA = KeystoneStack.get().startExtraServer("keystone-a", NODE_A);
    }
    return new Node(nodeA);
  }

  /** Server B, as {@link #nodeA()}. */
  static synchronized Node nodeB() {
    if (nodeB == null) {
      nodeB = KeystoneStack.get().startExtraServer("keystone-b", NODE_B);
    }
    return new Node(nodeB);
  }

  /** Server C, as {@link #nodeA()}. */
  static synchronized Node nodeC() {
    if (nodeC == null) {
      nodeC = KeystoneStack.get().startExtraServer("keystone-c", NODE_C);
    }
    return new Node(nodeC);
  }

  private static String adminAuthorization;

  /** The gateway wants a bearer token: an admin's, minted once per run (valid for an hour). */
  static synchronized String adminAuthorization() {
    if (adminAuthorization == null) {
      adminAuthorization =
          "Bearer " + KeystoneStack.get().tokens().mint("admin", Api.ADMIN_SUBJECT);
    }
    return adminAuthorization;
  }

  /** GET over HTTP/1.1, 60 s timeout (the machine is shared). */
  static Api.Reply get(String baseUrl, String path) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", adminAuthorization())
            .GET();
    try {
      return new Api.Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POST of a JSON body over HTTP/1.1. */
  static Api.Reply post(String baseUrl, String path, String json) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", adminAuthorization())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    try {
      return new Api.Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JedisPooled redis() {
    return new JedisPooled(KeystoneStack.get().devstack().endpoints().redisUrl());
  }

  static String key(long id) {
    return "keystone:v2:{product:" + id + "}";
  }

  /** Creates a product through the API and returns its id. */
  static long createProduct(Node node, String prefix) {
    var sku = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        post(
            node.url(),
            "/api/products",
            """
            {"sku":"%s","name":"Original","price":3.50,"currency":"EUR","stock":5}
            """
                .formatted(sku));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getJsonNumber("id").longValue();
  }

  /**
   * Inserts a product straight into PostgreSQL and returns its id. Unlike {@link #createProduct}
   * this emits no {@code ProductCreated} event, so the consumers' cache refresher never sends a
   * late {@code DEL} of its key: a test that counts loads sees only the loads it caused.
   */
  static long insertProduct(String prefix) throws SQLException {
    var sku = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "insert into products (sku, name, price, currency, stock, version)"
                    + " values (?, 'Original', 3.50, 'EUR', 5, 1) returning id")) {
      s.setString(1, sku);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** PUT of a JSON body with {@code If-Match} over HTTP/1.1. */
  static Api.Reply put(String baseUrl, String path, String ifMatch, String json) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", adminAuthorization())
            .header("Content-Type", "application/json")
            .header("If-Match", ifMatch)
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    try {
      return new Api.Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Changes the row behind the API's back (no eviction): a new name and version. */
  static void renameInDatabase(long id, String name) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "update products set name = ?, version = version + 1 where id = ?")) {
      s.setString(1, name);
      s.setLong(2, id);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  /**
   * The documented invalidation (docs/cache-contract.md): delete the value and its lease, then
   * announce the key to the near caches.
   */
  static void invalidate(JedisPooled redis, long id) {
    redis.del(key(id), key(id) + ":lease");
    redis.publish("keystone:v2:invalidate", key(id));
  }

  /** Fires {@code perApi} GETs of {@code path} at each API at once; returns every reply. */
  static List<Api.Reply> burst(List<Node> apis, String path, int perApi) throws Exception {
    int total = apis.size() * perApi;
    ExecutorService pool = Executors.newFixedThreadPool(total);
    try {
      var start = new CountDownLatch(1);
      var futures = new ArrayList<Future<Api.Reply>>();
      for (var api : apis) {
        for (int i = 0; i < perApi; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return api.get(path);
                  }));
        }
      }
      start.countDown();
      var replies = new ArrayList<Api.Reply>();
      for (var f : futures) {
        replies.add(f.get());
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }
}
