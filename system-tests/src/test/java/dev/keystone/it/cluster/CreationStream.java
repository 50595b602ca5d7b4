package dev.keystone.it.cluster;

import dev.keystone.it.support.Api;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An open-loop stream of product creations at a fixed rate, each sent where {@code route} says at
 * that moment (round robin over the application servers, as a load balancer spreads them). Every
 * creation has a SKU of its own under one prefix, the operation id that the database row and the
 * event carry too, so its fate can be followed whatever the client saw. Every answer is kept with
 * its time.
 */
final class CreationStream implements AutoCloseable {

  /**
   * One creation: its SKU, when it was sent and answered ({@link System#nanoTime()}), the status
   * (-1: no answer) and the product id a 201 named (else -1).
   */
  record Write(String sku, long sentAt, long answeredAt, int status, long id) {
    boolean acknowledged() {
      return status == 201;
    }
  }

  private final String prefix = "PF-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final int count;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService clients = Executors.newFixedThreadPool(12);

  private CreationStream(int count) {
    this.count = count;
  }

  static CreationStream start(Supplier<Api> route, int count, Duration duration) {
    var stream = new CreationStream(count);
    var sent = new AtomicInteger();
    stream.pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.getAndIncrement();
          if (n >= count) {
            stream.pacer.shutdown();
            return;
          }
          var api = route.get();
          stream.clients.submit(() -> stream.create(api, stream.prefix + n));
        },
        0,
        duration.toNanos() / count,
        TimeUnit.NANOSECONDS);
    return stream;
  }

  private void create(Api api, String sku) {
    long sentAt = System.nanoTime();
    int status = -1;
    long id = -1;
    try {
      var reply =
          api.post(
              "/api/products",
              """
              {"sku":"%s","name":"Failover","price":4.00,"currency":"EUR","stock":1,\
              "category":"failover"}"""
                  .formatted(sku));
      status = reply.status();
      if (status == 201) {
        id = reply.json().getJsonNumber("id").longValue();
      }
    } catch (UncheckedIOException e) {
      // no answer: refused, reset or timed out
    } finally {
      writes.add(new Write(sku, sentAt, System.nanoTime(), status, id));
      answered.incrementAndGet();
    }
  }

  /** The prefix of every SKU of this stream. */
  String prefix() {
    return prefix;
  }

  int answered() {
    return answered.get();
  }

  boolean finished() {
    return answered.get() == count;
  }

  List<Write> writes() {
    return List.copyOf(writes);
  }

  /** The number of answers after {@code nanos} that were not 201. */
  long failuresAfter(long nanos) {
    return writes.stream().filter(w -> w.answeredAt() > nanos && !w.acknowledged()).count();
  }

  /** When the first 201 sent after {@code nanos} was answered. */
  OptionalLong firstAcknowledgedSentAfter(long nanos) {
    return writes.stream()
        .filter(w -> w.acknowledged() && w.sentAt() > nanos)
        .mapToLong(Write::answeredAt)
        .min();
  }

  @Override
  public void close() {
    pacer.shutdownNow();
    clients.shutdownNow();
  }
}
