package dev.keystone.it.tracing;

import static dev.keystone.it.tracing.TraceChecks.awaitSpan;
import static dev.keystone.it.tracing.TraceChecks.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An order whose analytics update fails (a fault injected into the consumer's table for its
 * product) is dead-lettered inside the order's trace, with a log line that names the trace; the
 * operator's replay from the parking table is a span of the operator's call, linked to the order's
 * trace (docs/tracing.md, "Parent or link").
 */
@KeystoneIT
@Tag("fault")
class ReplayTracingIT {

  private static final int SERVER = 2;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final TraceChecks shop = new TraceChecks().awaitApi();

  @Test
  void aReplayIsTheOperatorsSpanLinkedToTheOrdersTrace() throws SQLException {
    long customer =
        shop.customer("parked-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    long product = shop.product(5);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                TracingIT.count(
                        "select count(*) from pg_tables where schemaname ="
                            + " 'consumers' and tablename = 'analytics_daily_sales'")
                    == 1);
    var trace = newTraceId();
    long order;
    sql(
        """
        create or replace function consumers.it_trace_poison() returns trigger language plpgsql as $$
        begin
          if new.product_id = %d then raise exception 'injected fault for product %d'; end if;
          return new;
        end $$;
        create trigger it_trace_poison before insert or update on consumers.analytics_daily_sales
          for each row execute function consumers.it_trace_poison();
        """
            .formatted(product, product));
    try {
      order = shop.order(customer, product, trace);
      var failed =
          awaitSpan(
              trace,
              "the dead-lettering delivery",
              s ->
                  s.name().equals("analytics process dev.keystone.order.placed")
                      && "dead_lettered".equals(s.attribute("keystone.consumer.outcome")));
      assertThat(failed.service()).isEqualTo("keystone");
      // the kit's log line about it is a JSON line of the order's trace
      await("the dead-letter log line")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(consoleLines())
                      .anySatisfy(
                          line ->
                              assertThat(line)
                                  .contains("\"ext_traceId\":\"" + trace + "\"")
                                  .contains("\"ext_spanId\":\"" + failed.spanId() + "\"")
                                  .contains("dead-lettered")));
    } finally {
      sql("drop trigger if exists it_trace_poison on consumers.analytics_daily_sales");
    }

    var operator = newTraceId();
    var replay = shop.post("/consumers/admin/parked/analytics/" + order + "/replay", "", operator);
    assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
    var call = awaitSpan(operator, "the operator's call", s -> s.kind() == SERVER);
    var replayed =
        awaitSpan(
            operator, "the replay", TracingIT.named("analytics replay dev.keystone.order.placed"));
    assertThat(replayed.parentSpanId()).isEqualTo(call.spanId());
    assertThat(replayed.linkedTraceIds()).containsExactly(trace);
    assertThat(replayed.attribute("keystone.consumer.outcome")).isEqualTo("applied");
    assertThat(
            TracingIT.count(
                "select count(*) from consumers.analytics_daily_sales where product_id = "
                    + product))
        .isEqualTo(1);
  }

  private static java.util.List<String> consoleLines() throws IOException {
    var console = KeystoneStack.get().liberty().messagesLog().resolveSibling("console.log");
    // decoded leniently: a line of some other writer must not fail the read
    return new String(Files.readAllBytes(console), StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.startsWith("{"))
        .toList();
  }

  private static void sql(String statements) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement()) {
      s.execute(statements);
    }
  }
}
