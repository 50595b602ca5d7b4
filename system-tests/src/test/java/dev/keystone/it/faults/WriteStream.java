package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.WriteLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An open-loop stream of writes that change the same aggregates many times, as clients behind a
 * load balancer would send them while a failure happens: a few products are created, then each gets
 * many stock adjustments, round-robin, at a fixed rate, each to whatever server {@code target}
 * names at that moment. Many versions per key give the per-key order assertions something to catch.
 * Every write's operation id is in its event ({@link WriteLedger}), so its fate can be followed
 * whatever the client saw.
 */
final class WriteStream {

  private final WriteLedger ledger = new WriteLedger();
  private final List<Long> products = new ArrayList<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final int writes;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService clients = Executors.newFixedThreadPool(16);

  private WriteStream(int writes) {
    this.writes = writes;
  }

  /**
   * Creates {@code products} products through {@code target} (before any fault), then starts {@code
   * adjustments} stock adjustments of each, spread evenly over {@code duration}.
   */
  static WriteStream start(Supplier<Api> target, int products, int adjustments, Duration duration) {
    var stream = new WriteStream(products * adjustments);
    for (int p = 0; p < products; p++) {
      var sku = stream.ledger.prefix() + "p" + p;
      var reply =
          stream.ledger.call(
              sku,
              () ->
                  target
                      .get()
                      .post(
                          "/api/products",
                          """
                          {"sku":"%s","name":"Fault","price":3.00,"currency":"EUR","stock":10,\
                          "category":"fault"}"""
                              .formatted(sku)));
      assertThat(reply).as("creating %s", sku).isNotNull();
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      stream.products.add(reply.json().getJsonNumber("id").longValue());
    }
    var sent = new AtomicInteger();
    stream.pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.getAndIncrement();
          if (n >= stream.writes) {
            stream.pacer.shutdown();
            return;
          }
          // the target is chosen when the write is sent, not when it is queued
          stream.clients.submit(() -> stream.adjust(target.get(), n));
        },
        0,
        duration.toNanos() / stream.writes,
        TimeUnit.NANOSECONDS);
    return stream;
  }

  private void adjust(Api api, int n) {
    try {
      long product = products.get(n % products.size());
      var op = ledger.prefix() + "a" + n;
      ledger.call(
          op,
          () ->
              api.post(
                  "/api/products/" + product + "/stock-adjustments",
                  """
                  {"delta":1,"reason":"%s"}"""
                      .formatted(op)));
    } finally {
      answered.incrementAndGet();
    }
  }

  WriteLedger ledger() {
    return ledger;
  }

  /** Every adjustment has been sent and has its answer (or its failure). */
  boolean finished() {
    return answered.get() == writes;
  }

  int answeredSoFar() {
    return answered.get();
  }

  int writes() {
    return writes;
  }

  void close() {
    pacer.shutdownNow();
    clients.shutdownNow();
  }
}
