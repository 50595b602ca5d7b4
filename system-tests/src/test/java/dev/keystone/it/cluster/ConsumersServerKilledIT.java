package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.Processes;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One of the two consumers-only servers SIGKILLed under a stream of orders written through both
 * application servers: every consumer group rebalances onto the other server, and the effects are
 * exact. Counted from independent observers: the orders the API acknowledged, the orders in
 * PostgreSQL, the whole order topic read by a plain consumer, the analytics fold (units per
 * product: a duplicate applied would show as a unit too many) and the audit rows as a set.
 */
@Tag("fault")
class ConsumersServerKilledIT {
  private static ClusterStack cluster;
  private static ClusterShop shop;

  @BeforeAll
  static void startCluster() {
    cluster = ClusterStack.get();
    shop = new ClusterShop(cluster);
  }

  @Test
  void theGroupsRebalanceOntoTheOtherServerAndTheEffectsAreExact() throws Exception {
    int orders = Faults.size(150, 1_500);
    var span = Duration.ofSeconds(Faults.size(15, 60));
    // spread over 50 products: orders for one product queue for its row, and on two cold servers
    // sharing two cores a queue of a few can outlast the lock timeout (503 database-busy), which
    // says nothing about a consumers-only server's death
    var products = shop.createProducts(50, 1_000_000);
    var customer = createCustomer();
    var victim = cluster.consumers.get(0);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> members("keystone-analytics") == 2 && members("keystone-audit") >= 2);
    var acknowledged = ConcurrentHashMap.<String>newKeySet();
    var serverErrors = new AtomicInteger();
    var errorAnswers = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    var otherStatus = new AtomicInteger();
    var answered = new AtomicInteger();
    var apis = List.of(cluster.api, cluster.apiB);
    var pacer = Executors.newSingleThreadScheduledExecutor();
    var clients = Executors.newFixedThreadPool(8);
    var sent = new AtomicInteger();
    pacer.scheduleAtFixedRate(
        () -> {
          int n = sent.getAndIncrement();
          if (n < orders) {
            clients.submit(
                () ->
                    place(
                        apis.get(n % 2),
                        customer,
                        products.get(n % products.size()),
                        acknowledged,
                        serverErrors,
                        errorAnswers,
                        otherStatus,
                        answered));
          }
        },
        0,
        span.toNanos() / orders,
        TimeUnit.NANOSECONDS);
    long pid;
    long killedAt;
    long rebalancedAt;
    try {
      await().atMost(Duration.ofSeconds(120)).until(() -> answered.get() >= orders / 3);
      pid = victim.pid().orElseThrow();
      victim.kill();
      killedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).until(() -> Processes.dead(pid));
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> members("keystone-analytics") == 1);
      rebalancedAt = System.nanoTime();
      await().atMost(span.plus(Duration.ofMinutes(2))).until(() -> answered.get() >= orders);
    } finally {
      pacer.shutdownNow();
      clients.shutdownNow();
    }
    var committed = committedOrders(customer);
    var events =
        WholeTopic.read(
            cluster.engines.endpoints().kafkaBootstrap(),
            "keystone.order",
            Set.copyOf(committed.keySet()));
    var published = events.stream().map(WholeTopic.Event::key).collect(Collectors.toSet());
    Set<UUID> eventIds = events.stream().map(WholeTopic.Event::id).collect(Collectors.toSet());
    var expectedUnits = new HashMap<String, Long>();
    committed.values().forEach(p -> expectedUnits.merge(p, 1L, Long::sum));
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                analyticsOrders(committed.keySet()).equals(published)
                    && shop.audited(eventIds).size() == eventIds.size()
                    && units(products).equals(expectedUnits));
    var units = units(products);
    long duplicatesApplied =
        units.values().stream().mapToLong(Long::longValue).sum()
            - expectedUnits.values().stream().mapToLong(Long::longValue).sum();
    var lost = new HashSet<>(acknowledged);
    lost.removeAll(published);
    var unexpected = new HashSet<>(published);
    unexpected.removeAll(committed.keySet());
    FaultReport.of("consumers-only server SIGKILLed under writes, two consumers-only servers")
        .accepted(acknowledged.size())
        .published(published.size())
        .applied(shop.audited(eventIds).size())
        .duplicatesSuppressed(events.size() - eventIds.size())
        .lost(lost.size())
        .serverErrors(serverErrors.get())
        .detail(
            "%d orders through both application servers; the analytics group down to one member"
                + " %.1f s after the kill; committed %d, records on the topic %d, unexpected %d;"
                + " analytics fold %d units for %d orders (duplicates applied %d); audit rows"
                + " %d of %d events; other 4xx %d; 5xx answers %s",
            orders,
            (rebalancedAt - killedAt) / 1e9,
            committed.size(),
            events.size(),
            unexpected.size(),
            units.values().stream().mapToLong(Long::longValue).sum(),
            committed.size(),
            duplicatesApplied,
            shop.audited(eventIds).size(),
            eventIds.size(),
            otherStatus.get(),
            errorAnswers)
        .print();
    assertThat(serverErrors.get()).as("5xx").isZero();
    assertThat(acknowledged).hasSizeGreaterThan(orders * 9 / 10);
    assertThat(lost).as("lost").isEmpty();
    assertThat(unexpected).as("unexpected").isEmpty();
    assertThat(published).as("every committed order published").isEqualTo(committed.keySet());
    assertThat(duplicatesApplied).as("duplicates applied to the analytics fold").isZero();
    assertThat(members("keystone-audit")).as("audit group on the survivor alone").isPositive();
  }

  private static String createCustomer() {
    var reply =
        cluster.api.post(
            "/api/customers",
            "{\"name\":\"Cluster\",\"email\":\"cluster-%s@example.org\"}"
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return Long.toString(reply.json().getJsonNumber("id").longValue());
  }

  private static void place(
      Api api,
      String customer,
      String product,
      Set<String> acknowledged,
      AtomicInteger serverErrors,
      java.util.Queue<String> errorAnswers,
      AtomicInteger otherStatus,
      AtomicInteger answered) {
    try {
      var reply =
          api.post(
              "/api/orders",
              "{\"customerId\":%s,\"lines\":[{\"productId\":%s,\"quantity\":1}]}"
                  .formatted(customer, product));
      if (reply.status() == 201) {
        acknowledged.add(Long.toString(reply.json().getJsonNumber("id").longValue()));
      } else if (reply.status() >= 500) {
        serverErrors.incrementAndGet();
        errorAnswers.add(reply.status() + " " + reply.body());
      } else {
        otherStatus.incrementAndGet();
      }
    } catch (UncheckedIOException e) {
      otherStatus.incrementAndGet();
    } finally {
      answered.incrementAndGet();
    }
  }

  private static int members(String group) throws Exception {
    try (var admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.engines.endpoints().kafkaBootstrap()))) {
      return admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(group)
          .members()
          .size();
    }
  }

  /** The customer's orders in PostgreSQL: order id → the one line's product id. */
  private static Map<String, String> committedOrders(String customer) throws SQLException {
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select o.id, l.product_id from orders o join order_lines l on l.order_id = o.id"
                    + " where o.customer_id = ?")) {
      s.setLong(1, Long.parseLong(customer));
      try (var rs = s.executeQuery()) {
        var orders = new HashMap<String, String>();
        while (rs.next()) {
          orders.put(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)));
        }
        return orders;
      }
    }
  }

  private static Set<String> analyticsOrders(Set<String> orders) throws SQLException {
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select order_id from consumers.analytics_orders where order_id = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", orders.toArray()));
      try (var rs = s.executeQuery()) {
        var found = new HashSet<String>();
        while (rs.next()) {
          found.add(rs.getString(1));
        }
        return found;
      }
    }
  }

  /** The analytics fold: units sold per product, over every day. */
  private static Map<String, Long> units(List<String> products) throws SQLException {
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select product_id, sum(units) from consumers.analytics_daily_sales"
                    + " where product_id = any(?) group by product_id")) {
      s.setArray(1, c.createArrayOf("bigint", products.stream().map(Long::valueOf).toArray()));
      try (var rs = s.executeQuery()) {
        var units = new HashMap<String, Long>();
        while (rs.next()) {
          units.put(Long.toString(rs.getLong(1)), rs.getLong(2));
        }
        return units;
      }
    }
  }
}
