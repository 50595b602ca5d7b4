package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live write stream through the shop's API: an order every 50 ms for a customer of its own, every
 * fifth one cancelled right after, until stopped. Only orders of its own are ever cancelled, so
 * rows that existed before stay as they were.
 */
final class LiveOrders implements AutoCloseable {

  private final Api api = Api.keystone();
  private final long customer;
  private final String email = "rebuild-" + System.nanoTime() + "@example.org";
  private final long product;
  private final AtomicInteger placed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

  LiveOrders() {
    var p =
        api.post(
            "/api/products",
            "{\"sku\":\"REBUILD-%d\",\"name\":\"Rebuild\",\"price\":2.50,\"currency\":\"EUR\",\"stock\":100000,\"category\":\"rebuild\"}"
                .formatted(System.nanoTime()));
    assertThat(p.status()).as(p.toString()).isEqualTo(201);
    product = p.json().getJsonNumber("id").longValue();
    var c = api.post("/api/customers", "{\"name\":\"Rebuild\",\"email\":\"%s\"}".formatted(email));
    assertThat(c.status()).as(c.toString()).isEqualTo(201);
    customer = c.json().getJsonNumber("id").longValue();
  }

  /** Places {@code n} orders now (the history before a rebuild). */
  LiveOrders history(int n) {
    for (int i = 0; i < n; i++) {
      placeOne();
    }
    return this;
  }

  LiveOrders start() {
    writer.scheduleWithFixedDelay(this::placeOne, 0, 50, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The stream's customer. */
  long customer() {
    return customer;
  }

  /** The stream's customer's address: where its order mails go. */
  String email() {
    return email;
  }

  int placed() {
    return placed.get();
  }

  private void placeOne() {
    try {
      placeOrder();
    } catch (RuntimeException e) {
      failed.incrementAndGet(); // counted, not swallowed: an exception would end the schedule
    }
  }

  private void placeOrder() {
    var reply =
        api.post(
            "/api/orders",
            "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":%d}]}"
                .formatted(customer, product, 1 + placed.get() % 3));
    if (reply.status() != 201) {
      failed.incrementAndGet();
      return;
    }
    if (placed.incrementAndGet() % 5 == 0) {
      long id = reply.json().getJsonNumber("id").longValue();
      var cancel = api.post("/api/orders/" + id + "/cancel", "");
      if (cancel.status() != 200) {
        failed.incrementAndGet();
      }
    }
  }

  /**
   * Stops the stream and waits until its last write has returned, so that no order of it is placed
   * after its test: a later test's state checks would take it for a change of their own.
   */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(40, TimeUnit.SECONDS)) {
      writer.shutdownNow();
      assertThat(writer.awaitTermination(40, TimeUnit.SECONDS))
          .as("the live stream's writer stopped")
          .isTrue();
    }
    assertThat(failed.get()).as("refused writes of the live stream").isZero();
  }
}
