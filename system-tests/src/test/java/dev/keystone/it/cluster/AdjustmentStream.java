package dev.keystone.it.cluster;

import dev.keystone.it.support.Api;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An open-loop stream of stock adjustments at a fixed rate, round robin over a set of products, so
 * that every product changes many times and per-key order on the topic means something. Keeps the
 * acknowledged writes as {@code <product id>:<version>} (the version each 200 answered), and counts
 * every other outcome.
 */
final class AdjustmentStream implements AutoCloseable {
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<String, Api> answeredBy = new ConcurrentHashMap<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger otherStatus = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final int writes;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService clients = Executors.newFixedThreadPool(12);

  private AdjustmentStream(int writes) {
    this.writes = writes;
  }

  static AdjustmentStream start(Api api, List<String> products, int writes, Duration duration) {
    return start(() -> api, products, writes, duration);
  }

  /**
   * The stream with each write sent where {@code route} says at that moment (a load balancer's
   * choice, e.g. round robin over the application servers).
   */
  static AdjustmentStream start(
      Supplier<Api> route, List<String> products, int writes, Duration duration) {
    var stream = new AdjustmentStream(writes);
    var sent = new AtomicInteger();
    stream.pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.getAndIncrement();
          if (n >= writes) {
            stream.pacer.shutdown();
            return;
          }
          var api = route.get();
          stream.clients.submit(() -> stream.adjust(api, products.get(n % products.size())));
        },
        0,
        duration.toNanos() / writes,
        TimeUnit.NANOSECONDS);
    return stream;
  }

  private void adjust(Api api, String product) {
    try {
      var reply =
          api.post(
              "/api/products/" + product + "/stock-adjustments",
              "{\"delta\":1,\"reason\":\"cluster failover\"}");
      if (reply.status() == 200) {
        var write = product + ":" + reply.json().getJsonNumber("version").longValue();
        acknowledged.add(write);
        answeredBy.put(write, api);
      } else if (reply.status() >= 500) {
        serverErrors.incrementAndGet();
      } else {
        otherStatus.incrementAndGet();
      }
    } catch (UncheckedIOException e) {
      unanswered.incrementAndGet();
    } finally {
      answered.incrementAndGet();
    }
  }

  int answered() {
    return answered.get();
  }

  boolean finished() {
    return answered.get() == writes;
  }

  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /** The acknowledged writes {@code api} answered. */
  Set<String> acknowledgedBy(Api api) {
    return answeredBy.entrySet().stream()
        .filter(e -> e.getValue() == api)
        .map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toSet());
  }

  int serverErrors() {
    return serverErrors.get();
  }

  int otherStatus() {
    return otherStatus.get();
  }

  int unanswered() {
    return unanswered.get();
  }

  @Override
  public void close() {
    pacer.shutdownNow();
    clients.shutdownNow();
  }
}
