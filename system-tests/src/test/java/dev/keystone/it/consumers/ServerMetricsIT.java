package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.OperatorMetrics;
import dev.keystone.it.support.PrometheusText;
import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The consumers' and the mail sender's metrics on both kinds of server
 * (docs/operations.md#metrics): the application server with the EAR and a consumers-only server,
 * members of the same consumer groups, each scraped over HTTPS as an operator and read with a
 * strict text-format parser. Events are driven straight onto the topics (a duplicate delivery, a
 * poison message per partition, mail) and every figure is checked against an observer of its own:
 * the topic, the dedup and parking tables, the SMTP server's mailboxes, and the group offsets read
 * with a Kafka Admin client here.
 */
@KeystoneIT
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerMetricsIT {

  private static final String PROBE_GROUP = "keystone-it-lag-probe";
  private static final List<String> CONSUMERS = List.of("analytics", "audit", "email");

  private static LibertyServer consumers;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @BeforeAll
  static void startConsumersServer() {
    new EventFeed().close(); // the topics, with their partitions, before anyone subscribes
    consumers = KeystoneStack.get().startConsumersServer("keystone-consumers-metrics", Map.of());
  }

  @AfterAll
  static void stopConsumersServer() {
    if (consumers != null) {
      consumers.stop();
    }
  }

  /** Both servers' application metrics, parsed (a line Prometheus would refuse fails here). */
  private static List<PrometheusText> scrapeBoth() {
    return List.of(
        PrometheusText.parse(OperatorMetrics.scrape(KeystoneStack.get().httpsBaseUrl())),
        PrometheusText.parse(OperatorMetrics.scrape("https://localhost:" + consumers.httpsPort())));
  }

  private static double total(List<PrometheusText> scrapes, String name, String consumer) {
    var labels = consumer == null ? Map.<String, String>of() : Map.of("consumer", consumer);
    return scrapes.stream().mapToDouble(s -> s.sum(name, labels)).sum();
  }

  @Test
  @Order(1)
  void bothServersExposeTheirFamiliesWithTypes() throws Exception {
    try (var feed = new EventFeed()) {
      await().atMost(Duration.ofSeconds(90)).until(() -> feed.members("keystone-analytics") == 2);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (var scrape : scrapeBoth()) {
                assertThat(scrape.families().get("keystone_mail_sent_total").type())
                    .isEqualTo("counter");
                assertThat(scrape.families().get("keystone_mail_failed_total").type())
                    .isEqualTo("counter");
                assertThat(scrape.families().get("keystone_consumer_lag_age_ms").type())
                    .isEqualTo("gauge");
                assertThat(scrape.sum("keystone_consumer_lag_age_ms", Map.of()))
                    .as("the lag was read within the last interval or two")
                    .isBetween(0.0, 15_000.0);
              }
            });
  }

  @Test
  @Order(2)
  void duplicatesPoisonAndMailMoveTheCountersAsTheirObserversSee() throws Exception {
    var shop = new ShopScenario(2, 30, 30, 0.0, 5L);
    // one poisoned order per partition of keystone.order: each server owns at least one of them
    var poisoned = new ArrayList<ShopScenario.Order>();
    var partitions = new HashSet<Integer>();
    for (var o : shop.orders) {
      if (partitions.add(partitionOf("" + o.id()))) {
        poisoned.add(o);
      }
    }
    assertThat(poisoned).as("an order key in every partition").hasSize(3);
    var bad = poisoned.stream().map(o -> o.lines().get(0).productId()).toList();
    var others =
        shop.orders.stream()
            .filter(o -> !poisoned.contains(o))
            .filter(o -> o.lines().stream().noneMatch(l -> bad.contains(l.productId())))
            .toList();
    assertThat(others).isNotEmpty();
    var duplicate = others.get(0);
    var before = scrapeBoth();
    var ids = new ArrayList<UUID>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> tableExists("consumers.analytics_daily_sales"));
    ConsumerChecks.sql(
        """
        create or replace function consumers.it_metrics_poison() returns trigger
          language plpgsql as $$
        begin
          if new.product_id = any(array[%s]::bigint[]) then raise exception 'injected fault'; end if;
          return new;
        end $$;
        drop trigger if exists it_metrics_poison on consumers.analytics_daily_sales;
        create trigger it_metrics_poison before insert or update on consumers.analytics_daily_sales
          for each row execute function consumers.it_metrics_poison();
        """
            .formatted(String.join(",", bad.stream().map(String::valueOf).toList())));
    try (var feed = new EventFeed()) {
      feed.publish(shop.customers.stream().map(ShopScenario.Customer::registered).toList());
      for (var o : poisoned) {
        var cancellation = ShopScenario.cancellation(o);
        feed.publish(List.of(o.placed(), cancellation));
        ids.add(o.placed().id());
        ids.add(cancellation.id());
      }
      feed.publish(others.stream().map(ShopScenario.Order::placed).toList());
      others.forEach(o -> ids.add(o.placed().id()));
      feed.publish(List.of(duplicate.placed())); // delivered a second time

      // the duplicate: twice on the topic, once in each consumer's dedup table
      var deliveries =
          Topics.readToEnd("keystone.order", Duration.ofSeconds(60)).stream()
              .filter(r -> r.value().contains(duplicate.placed().id().toString()))
              .toList();
      assertThat(deliveries).hasSize(2);
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                var after = scrapeBoth();
                for (var consumer : CONSUMERS) {
                  assertThat(processedRows(consumer, duplicate.placed().id())).isEqualTo(1);
                  assertThat(delta(before, after, "keystone_consumer_duplicates_total", consumer))
                      .as(consumer + " skipped the second delivery")
                      .isEqualTo(deliveries.size() - 1);
                }
              });

      // the poison: one dead-lettered head and one parked cancellation per key, in the table
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                var after = scrapeBoth();
                var table = parkedRows(poisoned);
                assertThat(table).containsExactly(3L, 3L);
                assertThat(
                        delta(before, after, "keystone_consumer_dead_lettered_total", "analytics"))
                    .isEqualTo(table.get(0));
                assertThat(delta(before, after, "keystone_consumer_parked_total", "analytics"))
                    .isEqualTo(table.get(1));
                for (int server = 0; server < 2; server++) {
                  assertThat(
                          after.get(server).sum("keystone_consumer_dead_lettered_total", Map.of())
                              - before
                                  .get(server)
                                  .sum("keystone_consumer_dead_lettered_total", Map.of()))
                      .as("server %d dead-lettered its partitions' poison", server)
                      .isPositive();
                }
              });
      assertThat(
              Topics.readToEnd("keystone.dlt.analytics", Duration.ofSeconds(60)).stream()
                  .filter(r -> poisoned.stream().anyMatch(o -> ("" + o.id()).equals(r.key()))))
          .hasSize(3);

      // mail: every mail the counters claim reached the SMTP server, once per order event
      var expected = ids.stream().map(id -> "<" + id + "@keystone>").toList();
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                var received = new ArrayList<String>();
                shop.customers.forEach(
                    c -> Mailbox.of(c.email()).forEach(m -> received.add(m.messageId())));
                assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(expected));
                var after = scrapeBoth();
                assertThat(delta(before, after, "keystone_mail_sent_total", null))
                    .isEqualTo(received.size());
                assertThat(delta(before, after, "keystone_mail_failed_total", null))
                    .isEqualTo(ConsumerChecks.failedSendAttempts(ids));
              });
      ServerLagChecks.assertLagMatchesTheGroups(feed, ServerMetricsIT::scrapeBoth, CONSUMERS);
      ServerLagChecks.assertAProbeGroupsLag(feed, ServerMetricsIT::scrapeBoth, PROBE_GROUP);
    } finally {
      ConsumerChecks.sql(
          "drop trigger if exists it_metrics_poison on consumers.analytics_daily_sales");
      // replayed, not discarded, once the cause is gone: the consumers' state must stay what a
      // fold of the whole log gives, since a later test rebuilds them from it (ConsumerServersIT)
      var api = Api.keystone();
      for (var o : poisoned) {
        api.post("/consumers/admin/parked/analytics/" + o.id() + "/replay", "");
      }
    }
  }

  @Test
  @Order(3)
  void bothConsolesAreJsonLineByLineWithTraceIdsInsideSpans() throws Exception {
    var main = jsonLines(KeystoneStack.get().liberty());
    assertThat(main.get(0).getString("message"))
        .startsWith("Launching " + KeystoneStack.SERVER_NAME);
    var records = jsonLines(consumers);
    assertThat(records.get(0).getString("message")).startsWith("Launching keystone-consumers");
    // the poison this server dead-lettered (test 2) was logged inside its delivery's span
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.getString("message")).contains("dead-lettered");
              assertThat(r.getString("ext_traceId", "")).matches("[0-9a-f]{32}");
              assertThat(r.getString("ext_spanId", "")).matches("[0-9a-f]{16}");
            });
  }

  /** Every line of the server's console.log as a JSON object: a plain-text line fails here. */
  private static List<JsonObject> jsonLines(LibertyServer server) throws Exception {
    var console = server.messagesLog().resolveSibling("console.log");
    var records = new ArrayList<JsonObject>();
    for (var line :
        new String(Files.readAllBytes(console), StandardCharsets.UTF_8).lines().toList()) {
      if (!line.isEmpty()) {
        records.add(Json.createReader(new StringReader(line)).readObject());
      }
    }
    assertThat(records).hasSizeGreaterThan(10);
    assertThat(records).allSatisfy(r -> assertThat(r.getString("type")).startsWith("liberty_"));
    return records;
  }

  private static long delta(
      List<PrometheusText> before, List<PrometheusText> after, String name, String consumer) {
    return Math.round(total(after, name, consumer) - total(before, name, consumer));
  }

  /** The partition the producer's default partitioner picks for a key on a 3-partition topic. */
  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
  }

  private static long processedRows(String consumer, UUID eventId) throws Exception {
    return ConsumerChecks.count(
        "select count(*) from consumers.processed_events where consumer = ? and event_id = ?",
        consumer,
        eventId);
  }

  /** Dead-lettered and merely parked rows of the analytics consumer for these orders' keys. */
  private static List<Long> parkedRows(List<ShopScenario.Order> orders) throws Exception {
    var keys = orders.stream().map(o -> "" + o.id()).toArray(String[]::new);
    var sql =
        "select count(*) from consumers.parked_messages where consumer = 'analytics'"
            + " and record_key = any(?) and dead_lettered = ?";
    return List.of(ConsumerChecks.count(sql, keys, true), ConsumerChecks.count(sql, keys, false));
  }

  private static boolean tableExists(String table) throws Exception {
    return ConsumerChecks.count("select count(*) where to_regclass(?) is not null", table) == 1;
  }
}
