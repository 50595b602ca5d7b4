package dev.keystone.it.faults;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An open-loop stream of product writes at a fixed rate, as clients behind a load balancer would
 * send them while a failure happens: each write goes to whatever server {@code target} names at
 * that moment. Counts every answer: 201s (the ids the API acknowledged), 5xx, other statuses, and
 * writes that got no answer at all (the server died under them). Every product's SKU starts with
 * the stream's prefix, so the rows that were committed can be found whatever the client saw.
 */
final class WriteStream {

  private final String prefix = "FLT-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger otherStatus = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final int writes;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService clients = Executors.newFixedThreadPool(16);

  private WriteStream(int writes) {
    this.writes = writes;
  }

  /** Starts {@code writes} writes spread evenly over {@code duration}. */
  static WriteStream start(Supplier<Api> target, int writes, Duration duration) {
    var stream = new WriteStream(writes);
    var sent = new AtomicInteger();
    stream.pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.incrementAndGet();
          if (n > writes) {
            stream.pacer.shutdown();
            return;
          }
          // the target is chosen when the write is sent, not when it is queued
          stream.clients.submit(() -> stream.write(target.get(), n));
        },
        0,
        duration.toNanos() / writes,
        TimeUnit.NANOSECONDS);
    return stream;
  }

  private void write(Api api, int n) {
    try {
      var reply =
          api.post(
              "/api/products",
              """
              {"sku":"%s%d","name":"Fault","price":3.00,"currency":"EUR","stock":9,"category":"fault"}
              """
                  .formatted(prefix, n));
      if (reply.status() == 201) {
        accepted.add(Long.toString(reply.json().getJsonNumber("id").longValue()));
      } else if (reply.status() >= 500) {
        serverErrors.incrementAndGet();
      } else {
        otherStatus.incrementAndGet();
      }
    } catch (UncheckedIOException e) {
      unanswered.incrementAndGet(); // connection refused or reset: the server died under it
    } finally {
      answered.incrementAndGet();
    }
  }

  /** Every write has been sent and has its answer (or its failure). */
  boolean finished() {
    return answered.get() == writes;
  }

  int answeredSoFar() {
    return answered.get();
  }

  List<String> accepted() {
    return List.copyOf(accepted);
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

  /** The ids of the products this stream committed, acknowledged or not. */
  List<String> committed() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement("select id from products where sku like ? order by id")) {
      s.setString(1, prefix + "%");
      var ids = new ArrayList<String>();
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(Long.toString(rs.getLong(1)));
        }
      }
      return ids;
    }
  }

  void close() {
    pacer.shutdownNow();
    clients.shutdownNow();
  }

  /** Audit rows (the audit consumer's effect) of the products' creation events. */
  static long audited(List<String> productIds) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from consumers.audit_log where aggregate_type = 'product'"
                    + " and event_type = 'dev.keystone.product.created' and aggregate_id = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", productIds.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
