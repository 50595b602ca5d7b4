package dev.keystone.it.cluster;

import dev.keystone.it.support.Api;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Closed-loop readers of random products, each answer kept with its time, the route it took and its
 * {@code Cache-Status}, so that a test can tell when hits stopped and came back on each server, and
 * whether anything failed.
 */
final class ReadLoad implements AutoCloseable {

  /**
   * One answer: when it arrived ({@link System#nanoTime()}), the index of the route it took, its
   * status and cache outcome.
   */
  record Read(long atNanos, int route, int status, String cacheStatus) {
    boolean hit() {
      return status == 200 && cacheStatus != null && cacheStatus.startsWith("keystone; hit");
    }
  }

  private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
  private final ExecutorService readers;
  private volatile boolean running = true;

  private ReadLoad(int threads) {
    readers = Executors.newFixedThreadPool(threads);
  }

  static ReadLoad start(Api api, List<String> products, int threads) {
    return start(List.of(() -> api), products, threads);
  }

  /**
   * {@code threadsPerRoute} readers on each route (a server, or a load balancer's choice among
   * servers).
   */
  static ReadLoad start(List<Supplier<Api>> routes, List<String> products, int threadsPerRoute) {
    var load = new ReadLoad(routes.size() * threadsPerRoute);
    for (int r = 0; r < routes.size(); r++) {
      int route = r;
      for (int i = 0; i < threadsPerRoute; i++) {
        load.readers.submit(() -> load.read(routes.get(route), route, products));
      }
    }
    return load;
  }

  private void read(Supplier<Api> api, int route, List<String> products) {
    while (running) {
      var id = products.get(ThreadLocalRandom.current().nextInt(products.size()));
      try {
        var reply = api.get().get("/api/products/" + id);
        reads.add(new Read(System.nanoTime(), route, reply.status(), reply.header("Cache-Status")));
      } catch (UncheckedIOException e) {
        reads.add(new Read(System.nanoTime(), route, -1, null));
      }
    }
  }

  List<Read> reads() {
    return List.copyOf(reads);
  }

  /** Whether a hit arrived after {@code nanos}. */
  boolean hitSince(long nanos) {
    return reads.stream().anyMatch(r -> r.atNanos() > nanos && r.hit());
  }

  /** Whether a hit arrived on {@code route} after {@code nanos}. */
  boolean hitSince(int route, long nanos) {
    return reads.stream().anyMatch(r -> r.route() == route && r.atNanos() > nanos && r.hit());
  }

  @Override
  public void close() {
    running = false;
    readers.shutdownNow();
  }
}
