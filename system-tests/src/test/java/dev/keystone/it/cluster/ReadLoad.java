package dev.keystone.it.cluster;

import dev.keystone.it.support.Api;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Closed-loop readers of random products, each answer kept with its time and {@code Cache-Status},
 * so that a test can tell when hits stopped and came back, and whether anything failed.
 */
final class ReadLoad implements AutoCloseable {

  /** One answer: when it arrived ({@link System#nanoTime()}), its status and cache outcome. */
  record Read(long atNanos, int status, String cacheStatus) {
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
    var load = new ReadLoad(threads);
    for (int i = 0; i < threads; i++) {
      load.readers.submit(
          () -> {
            while (load.running) {
              var id = products.get(ThreadLocalRandom.current().nextInt(products.size()));
              try {
                var reply = api.get("/api/products/" + id);
                load.reads.add(
                    new Read(System.nanoTime(), reply.status(), reply.header("Cache-Status")));
              } catch (UncheckedIOException e) {
                load.reads.add(new Read(System.nanoTime(), -1, null));
              }
            }
          });
    }
    return load;
  }

  List<Read> reads() {
    return List.copyOf(reads);
  }

  /** Whether a hit arrived after {@code nanos}. */
  boolean hitSince(long nanos) {
    return reads.stream().anyMatch(r -> r.atNanos() > nanos && r.hit());
  }

  @Override
  public void close() {
    running = false;
    readers.shutdownNow();
  }
}
