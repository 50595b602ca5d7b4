package dev.keystone.it.consumers;

import jakarta.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A random little shop history: customers registering, orders placed over the last two days, some
 * cancelled; with what every consumer must end up with (the fold over the distinct events).
 */
final class ShopScenario {

  record Customer(long id, String email, ShopEvent registered) {}

  record Line(long productId, String sku, int quantity, BigDecimal unitPrice) {}

  /**
   * @param cancelled null if the order stays placed
   */
  record Order(
      long id,
      Customer customer,
      List<Line> lines,
      Instant placedAt,
      ShopEvent placed,
      ShopEvent cancelled) {}

  /** Units and revenue of one product on one day. */
  record Totals(long units, BigDecimal revenue) {
    Totals plus(long u, BigDecimal r) {
      return new Totals(units + u, revenue.add(r));
    }
  }

  final List<Customer> customers = new ArrayList<>();
  final List<Order> orders = new ArrayList<>();
  final List<Long> productIds = new ArrayList<>();
  private final Random random;

  ShopScenario(int customerCount, int orderCount, int productCount, double cancelRatio, long seed) {
    random = new Random(seed);
    long base = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    for (int p = 0; p < productCount; p++) {
      productIds.add(base + p);
    }
    for (int c = 0; c < customerCount; c++) {
      long id = base + c;
      var email = "c" + id + "@it.keystone.dev";
      var data =
          Json.createObjectBuilder()
              .add("customerId", id)
              .add("name", "Customer " + c)
              .add("email", email)
              .add("version", 1)
              .build();
      customers.add(
          new Customer(id, email, ShopEvent.of("customer", "registered", "" + id, 1, data)));
    }
    for (int o = 0; o < orderCount; o++) {
      long id = base + o;
      var customer = customers.get(o % customerCount);
      var placedAt = Instant.now().minus(random.nextInt(2), ChronoUnit.DAYS);
      var lines = new ArrayList<Line>();
      var linesJson = Json.createArrayBuilder();
      var total = BigDecimal.ZERO;
      for (int l = 0, n = 1 + random.nextInt(3); l < n; l++) {
        long product = productIds.get(random.nextInt(productCount));
        var line =
            new Line(
                product,
                "SKU-" + product,
                1 + random.nextInt(4),
                BigDecimal.valueOf(100 + random.nextInt(5000), 2));
        lines.add(line);
        linesJson.add(
            Json.createObjectBuilder()
                .add("productId", line.productId())
                .add("sku", line.sku())
                .add("quantity", line.quantity())
                .add("unitPrice", line.unitPrice()));
        total = total.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
      }
      var placed =
          Json.createObjectBuilder()
              .add("orderId", id)
              .add("customerId", customer.id())
              .add("lines", linesJson)
              .add("total", total)
              .add("currency", "EUR")
              .add("placedAt", placedAt.toString())
              .add("version", 1)
              .build();
      ShopEvent cancellation = null;
      if (random.nextDouble() < cancelRatio) {
        var cancelled =
            Json.createObjectBuilder()
                .add("orderId", id)
                .add("customerId", customer.id())
                .add("total", total)
                .add("currency", "EUR")
                .add("cancelledAt", Instant.now().toString())
                .add("version", 2)
                .build();
        cancellation = ShopEvent.of("order", "cancelled", "" + id, 2, cancelled);
      }
      orders.add(
          new Order(
              id,
              customer,
              lines,
              placedAt,
              ShopEvent.of("order", "placed", "" + id, 1, placed),
              cancellation));
    }
  }

  /** A cancellation of {@code order} that the scenario did not plan: version 2 of its aggregate. */
  static ShopEvent cancellation(Order order) {
    var data =
        Json.createObjectBuilder()
            .add("orderId", order.id())
            .add("customerId", order.customer().id())
            .add("total", 1)
            .add("currency", "EUR")
            .add("cancelledAt", Instant.now().toString())
            .add("version", 2)
            .build();
    return ShopEvent.of("order", "cancelled", "" + order.id(), 2, data);
  }

  /** Every distinct event, each key's in order. */
  List<ShopEvent> distinctEvents() {
    var all = new ArrayList<ShopEvent>();
    customers.forEach(c -> all.add(c.registered()));
    for (var o : orders) {
      all.add(o.placed());
      if (o.cancelled() != null) {
        all.add(o.cancelled());
      }
    }
    return all;
  }

  /**
   * Every event delivered twice: each duplicate somewhere after its original within its key (so an
   * old event may come again after a newer one, as a redelivery does), keys interleaved at random,
   * and the first customer's registration last of all (its orders' mails must wait, not be lost).
   */
  List<ShopEvent> deliveries() {
    var perKey = new LinkedHashMap<String, List<ShopEvent>>();
    for (var e : distinctEvents()) {
      perKey.computeIfAbsent(e.topic() + "/" + e.key(), k -> new ArrayList<>()).add(e);
    }
    var queues = new ArrayList<List<ShopEvent>>();
    for (var events : perKey.values()) {
      var sequence = new ArrayList<>(events);
      for (var e : events) {
        int first = sequence.indexOf(e);
        sequence.add(first + 1 + random.nextInt(sequence.size() - first), e);
      }
      queues.add(sequence);
    }
    var late = queues.remove(0); // customer 0's registration and its duplicate
    var out = new ArrayList<ShopEvent>();
    while (!queues.isEmpty()) {
      int i = random.nextInt(queues.size());
      out.add(queues.get(i).remove(0));
      if (queues.get(i).isEmpty()) {
        queues.remove(i);
      }
    }
    out.addAll(late);
    return out;
  }

  /** The fold: units and revenue per (product, UTC day) of the orders not cancelled. */
  Map<String, Totals> expectedSales() {
    var sales = new HashMap<String, Totals>();
    for (var o : orders) {
      if (o.cancelled() != null) {
        continue;
      }
      var day = LocalDate.ofInstant(o.placedAt(), ZoneOffset.UTC);
      for (var l : o.lines()) {
        var revenue = l.unitPrice().multiply(BigDecimal.valueOf(l.quantity()));
        sales.merge(
            l.productId() + "@" + day,
            new Totals(l.quantity(), revenue),
            (a, b) -> a.plus(b.units(), b.revenue()));
      }
    }
    return sales;
  }
}
