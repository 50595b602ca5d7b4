package dev.keystone.it.outbox;

import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.BenchWar;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Figures, not assertions (run with {@code -Pbench}): commit→consumer latency at a fixed write
 * rate, write throughput with the outbox versus the bench WAR's write without an outbox row ({@link
 * BenchWar}), and the time to drain the backlog of a 30-second broker outage under load.
 */
@KeystoneIT
class OutboxBench {

  private static final String PRODUCTS = "/api/products";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void figures() throws Exception {
    var base = KeystoneStack.get().baseUrl();
    OutboxProbe.createProduct(Api.keystone(), "WARM"); // the topic exists, the app is warm
    latency(base, 200, Duration.ofSeconds(20));
    throughput(base);
    drain(base, 100, Duration.ofSeconds(30));
  }

  /** Commit (the 201) → a plain consumer's receipt, at {@code rate} writes per second. */
  private void latency(String base, int rate, Duration duration) throws Exception {
    var acked = new ConcurrentHashMap<String, Long>();
    var received = new ConcurrentHashMap<String, Long>();
    var stop = new AtomicBoolean();
    var consumer = consumerThread(received, stop);
    var warm = sendAtRate(base, 50, Duration.ofSeconds(5), new ConcurrentHashMap<>());
    int sent = sendAtRate(base, rate, duration, acked);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> received.keySet().containsAll(acked.keySet()));
    } catch (ConditionTimeoutException e) {
      System.out.println("BENCH not every acked write was received within 60 s (reported below)");
    }
    stop.set(true);
    consumer.join();
    var latencies = new ArrayList<Long>();
    acked.forEach(
        (id, at) -> {
          var got = received.get(id);
          if (got != null) {
            latencies.add(Math.max(0, got - at) / 1000);
          }
        });
    var micros = latencies.stream().mapToLong(Long::longValue).toArray();
    System.out.printf(
        "BENCH commit->consumer at %d writes/s for %s: %d writes (%d warm-up), %d acked, %d"
            + " received; p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        rate,
        duration,
        sent,
        warm,
        acked.size(),
        micros.length,
        BrokerOutageIT.pct(micros, 50) / 1000.0,
        BrokerOutageIT.pct(micros, 99) / 1000.0,
        BrokerOutageIT.pct(micros, 100) / 1000.0);
  }

  /**
   * Closed-loop writes/s with the outbox (the shop's POST) and without (the bench WAR's write on a
   * node of its own, the same product insert with no outbox row).
   */
  private void throughput(String base) throws Exception {
    var plain = BenchWar.startNode("keystone-plain-writes", Map.of());
    try {
      var withOutbox = base + PRODUCTS;
      var withoutOutbox = BenchWar.url(plain) + "/products";
      closedLoop(withoutOutbox, 16, Duration.ofSeconds(5)); // warm-up
      closedLoop(withOutbox, 16, Duration.ofSeconds(5));
      double with = 0;
      double without = 0;
      for (int round = 0; round < 2; round++) {
        with += closedLoop(withOutbox, 16, Duration.ofSeconds(10));
        without += closedLoop(withoutOutbox, 16, Duration.ofSeconds(10));
      }
      System.out.printf(
          "BENCH write throughput (16 clients, 2 interleaved rounds of 10 s): outbox %.0f/s,"
              + " without outbox (bench WAR) %.0f/s, ratio %.2f%n",
          with / 2, without / 2, with / without);
    } finally {
      plain.stop();
    }
  }

  /**
   * A broker outage of {@code outage} under {@code rate} writes/s; then the time until the backlog
   * is gone. The outage is paced by accepted writes (rate × outage of them), so its length is a
   * measured figure too.
   */
  private void drain(String base, int rate, Duration outage) throws Exception {
    var acked = new ConcurrentHashMap<String, Long>();
    var kafka = KeystoneStack.get().devstack().kafka();
    var load = Executors.newSingleThreadExecutor();
    var stop = new AtomicBoolean();
    load.submit(
        () -> {
          while (!stop.get()) {
            sendAtRate(base, rate, Duration.ofSeconds(1), acked);
          }
          return null;
        });
    await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 2 * rate); // warm load
    kafka.stop();
    long down = System.nanoTime();
    int before = acked.size();
    long during = rate * outage.toSeconds();
    await()
        .atMost(outage.multipliedBy(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> acked.size() - before >= during);
    System.out.printf(
        "BENCH broker down for %.1f s while %d writes were accepted%n",
        (System.nanoTime() - down) / 1e9, acked.size() - before);
    long backlog = OutboxProbe.unpublished("product", List.copyOf(acked.keySet()));
    long restarted = System.nanoTime();
    kafka.start();
    long started = System.nanoTime();
    var ids = List.copyOf(acked.keySet());
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> OutboxProbe.unpublished("product", ids) == 0);
    long drained = System.nanoTime();
    stop.set(true);
    load.shutdown();
    load.awaitTermination(10, TimeUnit.SECONDS);
    System.out.printf(
        "BENCH drain after a %s outage under %d writes/s: backlog %d rows; broker start %.1f s;"
            + " drained %.1f s after the broker was up (%.1f s after the restart began)%n",
        outage,
        rate,
        backlog,
        (started - restarted) / 1e9,
        (drained - started) / 1e9,
        (drained - restarted) / 1e9);
  }

  private static Thread consumerThread(Map<String, Long> received, AtomicBoolean stop) {
    var props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        KeystoneStack.get().devstack().endpoints().kafkaBootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    var ready = new AtomicBoolean();
    var thread =
        new Thread(
            () -> {
              try (var consumer =
                  new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("keystone.product"));
                while (!stop.get()) {
                  var records = consumer.poll(Duration.ofMillis(50));
                  ready.set(ready.get() || !consumer.assignment().isEmpty());
                  long now = System.nanoTime();
                  records.forEach(r -> received.putIfAbsent(r.key(), now));
                }
              }
            });
    thread.start();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilTrue(ready);
    return thread;
  }

  /** Open loop: one write every 1/rate s; records the 201's arrival per product id. */
  private static int sendAtRate(String base, int rate, Duration d, Map<String, Long> acked)
      throws Exception {
    var scheduler = Executors.newSingleThreadScheduledExecutor();
    var count = new AtomicLong();
    long n = d.toSeconds() * rate;
    var done = new java.util.concurrent.CountDownLatch((int) n);
    scheduler.scheduleAtFixedRate(
        () -> {
          if (count.incrementAndGet() > n) {
            return;
          }
          HTTP.sendAsync(create(base + PRODUCTS), HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (r, e) -> {
                    long at = System.nanoTime();
                    if (r != null && r.statusCode() == 201) {
                      var body = r.body();
                      var id = body.replaceAll("(?s).*\"id\":(\\d+).*", "$1");
                      acked.put(id, at);
                    }
                    done.countDown();
                  });
        },
        0,
        1_000_000 / rate,
        TimeUnit.MICROSECONDS);
    done.await(d.toSeconds() + 60, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    return (int) n;
  }

  private static double closedLoop(String url, int clients, Duration d) throws Exception {
    var ok = new AtomicLong();
    var pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + d.toNanos();
    for (int i = 0; i < clients; i++) {
      pool.submit(
          () -> {
            while (System.nanoTime() < end) {
              var r = HTTP.send(create(url), HttpResponse.BodyHandlers.discarding());
              if (r.statusCode() == 201) {
                ok.incrementAndGet();
              }
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(d.toSeconds() + 60, TimeUnit.SECONDS);
    return ok.get() / (d.toNanos() / 1e9);
  }

  /** One admin token for the whole run: minting (RSA signing) per request would load the client. */
  private static final class Token {
    static final String ADMIN = KeystoneStack.get().tokens().mint("admin", Api.ADMIN_SUBJECT);
  }

  private static HttpRequest create(String url) {
    var sku = "BENCH-" + UUID.randomUUID();
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + Token.ADMIN)
        .timeout(Duration.ofSeconds(30))
        .POST(
            HttpRequest.BodyPublishers.ofString(
                """
                {"sku":"%s","name":"Bench","price":1.00,"currency":"EUR","stock":1}
                """
                    .formatted(sku)))
        .build();
  }
}
