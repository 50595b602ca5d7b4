package dev.keystone.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Several Liberty servers started and stopped together: the cluster's application servers and
 * consumers-only servers (docs/operations.md, "The cluster stack"). They do not depend on each
 * other (each waits for PostgreSQL, Kafka and Redis by itself), so they start at once: on two cores
 * four servers take about twice as long as one, not four times.
 */
public final class LibertyServers implements AutoCloseable {
  private final List<LibertyServer> servers;

  public LibertyServers(List<LibertyServer> servers) {
    this.servers = List.copyOf(servers);
  }

  public List<LibertyServer> servers() {
    return servers;
  }

  /**
   * Starts every server in parallel and waits until each reports ready.
   *
   * @return how long each server took to be ready, in the order of {@link #servers()}
   * @throws ServiceStartException (or another runtime exception) of the first server that did not
   *     start; every server is stopped again first
   */
  public List<Duration> start(Duration timeout) {
    ExecutorService pool = Executors.newFixedThreadPool(servers.size());
    try {
      List<CompletableFuture<Duration>> starts = new ArrayList<>();
      for (LibertyServer server : servers) {
        starts.add(CompletableFuture.supplyAsync(() -> timedStart(server, timeout), pool));
      }
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
      return starts.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      pool.shutdown();
    }
  }

  private static Duration timedStart(LibertyServer server, Duration timeout) {
    long begin = System.nanoTime();
    server.start(timeout);
    return Duration.ofNanos(System.nanoTime() - begin);
  }

  /** Stops every server in parallel (SIGKILL when a graceful stop fails) and waits for them. */
  @Override
  public void close() {
    List<Thread> stops = new ArrayList<>();
    for (LibertyServer server : servers) {
      Thread stop = new Thread(() -> stopOrKill(server), "liberty-stop");
      stop.start();
      stops.add(stop);
    }
    for (Thread stop : stops) {
      try {
        stop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void stopOrKill(LibertyServer server) {
    try {
      server.stop();
    } catch (RuntimeException e) {
      server.kill();
    }
  }
}
