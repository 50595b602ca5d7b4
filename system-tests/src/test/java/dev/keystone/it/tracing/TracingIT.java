package dev.keystone.it.tracing;

import static dev.keystone.it.tracing.TraceChecks.awaitSpan;
import static dev.keystone.it.tracing.TraceChecks.mails;
import static dev.keystone.it.tracing.TraceChecks.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.TraceReceiver.ReceivedSpan;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One order followed through one trace (docs/tracing.md): from {@code POST /api/orders} through the
 * service's transaction and the outbox insert to every consumer's effect and the mail, as the
 * servers exported the spans to the OTLP receiver of the test JVM; the same after a broker outage
 * (the sweeper publishes).
 */
@KeystoneIT
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the broker outage last
class TracingIT {

  private static final int SERVER = 2;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final TraceChecks shop = new TraceChecks().awaitApi();

  @Test
  @Order(1)
  void oneOrderIsOneTraceFromTheRequestToEveryEffect() throws SQLException {
    var email = "traced-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    long customer = shop.customer(email);
    long product = shop.product(5);
    var trace = newTraceId();
    long order = shop.order(customer, product, trace);

    var request =
        awaitSpan(
            trace, "the request", s -> s.kind() == SERVER && s.name().equals("POST /api/orders"));
    assertThat(request.service()).isEqualTo("keystone");
    var service = awaitSpan(trace, "the service call", s -> s.name().startsWith("OrderService."));
    assertThat(descendsFrom(trace, service, request.spanId())).isTrue();
    var orderInsert = awaitSpan(trace, "order insert", named("outbox insert keystone.order"));
    var stockInsert = awaitSpan(trace, "stock insert", named("outbox insert keystone.product"));
    assertThat(descendsFrom(trace, orderInsert, service.spanId())).isTrue();
    assertThat(descendsFrom(trace, stockInsert, service.spanId())).isTrue();

    // every consumer's work is a child of the insert of the event it works on
    for (var consumer : new String[] {"audit", "analytics", "email"}) {
      var span = awaitSpan(trace, consumer, named(consumer + " process dev.keystone.order.placed"));
      assertThat(span.parentSpanId()).as(consumer).isEqualTo(orderInsert.spanId());
      assertThat(span.attribute("keystone.consumer.outcome")).as(consumer).isEqualTo("applied");
      assertThat(span.attribute("messaging.message.id")).isNotBlank();
    }
    var refresh =
        awaitSpan(
            trace,
            "cache refresh",
            named("cache-refresh process dev.keystone.product.stock-adjusted"));
    assertThat(refresh.parentSpanId()).isEqualTo(stockInsert.spanId());

    // the mail: its SMTP send is a child of the email consumer's span, the mail names the trace
    var emailSpan = awaitSpan(trace, "email", named("email process dev.keystone.order.placed"));
    var smtp = awaitSpan(trace, "the SMTP send", named("smtp send"));
    assertThat(smtp.parentSpanId()).isEqualTo(emailSpan.spanId());
    await("the mail")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(mails(email))
                    .anySatisfy(m -> assertThat(m).contains("X-Keystone-Trace-Id: " + trace)));

    printTree(trace);
    // and the effects themselves
    assertThat(
            count(
                "select count(*) from consumers.audit_log where aggregate_type = 'order'"
                    + " and aggregate_id = '"
                    + order
                    + "'"))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from consumers.analytics_daily_sales where product_id = "
                    + product))
        .isEqualTo(1);
  }

  @Test
  @Order(2)
  void aCachedReadIsASpanWithItsOutcomeAndItsRedisCalls() {
    long product = shop.product(1);
    var first = newTraceId();
    var second = newTraceId();
    get("/api/products/" + product, first);
    var miss = awaitSpan(first, "the first read", named("cache read product"));
    assertThat(miss.attribute("keystone.cache.outcome")).isIn("miss", "collapsed");
    assertThat(awaitSpan(first, "its Redis get", named("redis get")).parentSpanId())
        .isEqualTo(miss.spanId());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              get("/api/products/" + product, second);
              assertThat(
                      TraceChecks.spans(
                          s ->
                              s.traceId().equals(second)
                                  && s.name().equals("cache read product")
                                  && "hit".equals(s.attribute("keystone.cache.outcome"))))
                  .isNotEmpty();
            });
  }

  @Test
  @Order(3)
  void anOrderWrittenWhileTheBrokerIsDownJoinsItsTraceWhenTheSweeperPublishesIt()
      throws SQLException {
    long customer =
        shop.customer("swept-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    long product = shop.product(5);
    var trace = newTraceId();
    var kafka = KeystoneStack.get().devstack().kafka();
    long order;
    kafka.stop();
    try {
      order = shop.order(customer, product, trace);
      awaitSpan(trace, "order insert", named("outbox insert keystone.order"));
      // the row waits, with its writer's context
      assertThat(
              text(
                  "select traceparent from outbox where aggregate_type = 'order' and"
                      + " aggregate_id = '"
                      + order
                      + "' and published_at is null"))
          .contains(trace);
    } finally {
      kafka.start();
    }
    var orderInsert = awaitSpan(trace, "order insert", named("outbox insert keystone.order"));
    var audit = awaitSpan(trace, "audit", named("audit process dev.keystone.order.placed"));
    assertThat(audit.parentSpanId()).isEqualTo(orderInsert.spanId());
    assertThat(
            awaitSpan(trace, "analytics", named("analytics process dev.keystone.order.placed"))
                .parentSpanId())
        .isEqualTo(orderInsert.spanId());
  }

  static java.util.function.Predicate<ReceivedSpan> named(String name) {
    return s -> s.name().equals(name);
  }

  private void get(String path, String trace) {
    var reply =
        shop.api.send(
            shop.api
                .request(path)
                .header("traceparent", TraceChecks.traceparent(trace))
                .GET()
                .build());
    assertThat(reply.status()).isEqualTo(200);
  }

  /** The trace as the receiver holds it, one span a line under its parent, for the test's log. */
  static void printTree(String trace) {
    var spans = KeystoneStack.get().traces().trace(trace);
    var out = new StringBuilder("trace " + trace + ":\n");
    printChildren(spans, "", 0, out);
    spans.stream()
        .filter(s -> spans.stream().noneMatch(p -> p.spanId().equals(s.parentSpanId())))
        .forEach(
            root -> {
              out.append("  ")
                  .append(root.name())
                  .append(" [")
                  .append(root.service())
                  .append("]\n");
              printChildren(spans, root.spanId(), 2, out);
            });
    System.out.print(out);
  }

  private static void printChildren(
      java.util.List<ReceivedSpan> spans, String parent, int depth, StringBuilder out) {
    if (parent.isEmpty()) {
      return;
    }
    for (var child : spans.stream().filter(s -> s.parentSpanId().equals(parent)).toList()) {
      out.append("  ".repeat(depth))
          .append(child.name())
          .append(" [")
          .append(child.service())
          .append("]\n");
      printChildren(spans, child.spanId(), depth + 1, out);
    }
  }

  /** Whether {@code span}'s chain of parents, within its trace, reaches {@code ancestor}. */
  private static boolean descendsFrom(String trace, ReceivedSpan span, String ancestor) {
    var spans = KeystoneStack.get().traces().trace(trace);
    var current = span;
    for (int depth = 0; current != null && depth < 32; depth++) {
      if (current.parentSpanId().equals(ancestor)) {
        return true;
      }
      var parent = current.parentSpanId();
      current = spans.stream().filter(s -> s.spanId().equals(parent)).findFirst().orElse(null);
    }
    return false;
  }

  static long count(String sql) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String text(String sql) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var rs = c.createStatement().executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
