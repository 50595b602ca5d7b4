package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.OperatorMetrics;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * A record the broker refuses for good, as production meets it: a product whose event is larger
 * than its topic's {@code max.message.bytes}. Its row is retried with back-off and holds back its
 * aggregate's later versions while every other product keeps flowing; after {@code
 * keystone.outbox.stuck-after-attempts} failures it is listed as stuck (and counted on /metrics);
 * an operator's skip over HTTP is recorded in the database and lets the later versions go, in
 * order; a retry after the limit is raised publishes the other stuck row. The topic, read whole by
 * a plain consumer, holds every acknowledged write's event but the skipped one (docs/outbox.md,
 * "Stuck rows").
 */
@KeystoneIT
class StuckRowsIT {

  private static final String TOPIC = "keystone.product";
  private static final Duration STUCK_WITHIN = Duration.ofSeconds(240);
  private static final String OPERATOR =
      "it-operator-" + UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api admin = Api.as("admin", OPERATOR);
  private final ProductWrites writes = new ProductWrites(admin);

  @Test
  void aSkippedRowLetsItsAggregateFlowAndARetriedOneIsPublishedOnceTheLimitIsRaised()
      throws Exception {
    var probe = writes.small("STUCK-PROBE");
    var probeValue = OutboxProbe.read(TOPIC, Set.of(probe), 1, Duration.ofSeconds(60));
    assertThat(probeValue).as("the small product's event is published").isNotEmpty();
    int small = probeValue.get(0).value().getBytes(StandardCharsets.UTF_8).length;
    // a small record's batch is its value plus ~250 bytes; a large one's value alone is ~880 more
    int limit = small + 500;

    String skipped;
    try (var topicLimit = TopicMessageLimit.lower(TOPIC, limit)) {
      System.out.printf(
          "%s max.message.bytes %s → %s (small value %d bytes)%n",
          TOPIC, topicLimit.original(), topicLimit.value(), small);
      long created = System.nanoTime();
      skipped = writes.large("STUCK-SKIP");
      var retried = writes.large("STUCK-RETRY");
      writes.rename(skipped);
      writes.adjust(skipped);
      writes.adjust(retried);
      var others = new ArrayList<String>();
      for (int i = 0; i < 15; i++) {
        var other = writes.small("STUCK-OTHER");
        writes.adjust(other);
        others.add(other);
      }

      // meanwhile every other product flows: all their events on the topic, read whole
      var flowing =
          OutboxProbe.read(TOPIC, Set.copyOf(others), others.size() * 2, Duration.ofSeconds(60));
      assertThat(OutboxProbe.Delivery.of(flowing).distinct()).isEqualTo(others.size() * 2);
      assertThat(OutboxProbe.read(TOPIC, Set.of(skipped, retried), 0, Duration.ofSeconds(5)))
          .as("nothing of the two large products is published")
          .isEmpty();

      var skipId = ProductWrites.eventIds(skipped);
      var retryId = ProductWrites.eventIds(retried);
      await()
          .atMost(STUCK_WITHIN)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> listed().containsAll(List.of(skipId.get(0), retryId.get(0))));
      System.out.printf(
          "both large rows listed as stuck %d s after they were written%n",
          (System.nanoTime() - created) / 1_000_000_000);
      var listing = admin.get("/api/ops/outbox/stuck").json();
      var row = rowOf(listing, skipId.get(0));
      assertThat(row.getString("lastError")).contains("RecordTooLarge");
      assertThat(row.getInt("attempts")).isGreaterThanOrEqualTo(listing.getInt("threshold"));
      assertThat(row.getJsonNumber("waitingBehind").longValue()).isEqualTo(2);
      assertThat(rowOf(listing, retryId.get(0)).getJsonNumber("waitingBehind").longValue())
          .isEqualTo(1);
      // the gauges are read at most once a second; the first HTTPS connection may be slow
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(metric("keystone_outbox_blocked_aggregates")).isGreaterThanOrEqualTo(2);
                assertThat(metric("keystone_outbox_stuck_rows")).isGreaterThanOrEqualTo(2);
              });

      refusals(skipId);

      long skippedAt = System.nanoTime();
      var skip = skip(skipId.get(0), "record larger than the topic's max.message.bytes");
      assertThat(skip.status()).as(skip.toString()).isEqualTo(200);
      assertThat(skip.json().getString("skippedBy")).isEqualTo(OPERATOR);
      var afterSkip =
          OutboxProbe.read(TOPIC, Set.of(skipped), 2, Duration.ofSeconds(60)); // v2 and v3
      System.out.printf(
          "the blocked product's later versions published %d ms after the skip%n",
          (System.nanoTime() - skippedAt) / 1_000_000);
      assertThat(OutboxProbe.versions(afterSkip, skipped)).containsExactly(2L, 3L);
      assertSkipRecorded(skipId.get(0), skipped);
      assertProblem(skip(skipId.get(0), "again"), 409, "outbox-row-skipped");
      assertThat(OutboxProbe.read(TOPIC, Set.of(retried), 0, Duration.ofSeconds(5))).isEmpty();

      topicLimit.restore();
      long retriedAt = System.nanoTime();
      var retry = admin.post("/api/ops/outbox/stuck/" + retryId.get(0) + "/retry", "");
      assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
      var afterRetry = OutboxProbe.read(TOPIC, Set.of(retried), 2, Duration.ofSeconds(60));
      System.out.printf(
          "the retried row and its successor published %d ms after the retry%n",
          (System.nanoTime() - retriedAt) / 1_000_000);
      assertThat(OutboxProbe.versions(afterRetry, retried)).containsExactly(1L, 2L);
      assertProblem(
          admin.post("/api/ops/outbox/stuck/" + retryId.get(0) + "/retry", ""),
          409,
          "outbox-row-published");
    }

    // the whole topic against every acknowledged write: all there but the skipped version
    var keys = writes.acknowledged.keySet();
    var seen = OutboxProbe.read(TOPIC, keys, 0, Duration.ofSeconds(60));
    var delivery = OutboxProbe.Delivery.of(seen);
    System.out.println("whole topic, this test's products: " + delivery);
    assertThat(delivery.disorder()).isEmpty();
    var expected = new TreeSet<String>();
    writes.acknowledged.forEach(
        (id, versions) -> versions.forEach(v -> expected.add(id + "@" + v)));
    expected.remove(skipped + "@1");
    var published = new TreeSet<String>();
    seen.forEach(s -> published.add(s.key() + "@" + s.version()));
    assertThat(published).as("acknowledged writes but the skipped one").isEqualTo(expected);
    assertThat(delivery.distinct())
        .as("one event id per published version")
        .isEqualTo(expected.size());
  }

  /** Wrong calls answer problem+json and change nothing. */
  private void refusals(List<UUID> skipIds) {
    var stuckRow = "/api/ops/outbox/stuck/" + skipIds.get(0);
    assertProblem(admin.post(stuckRow + "/skip", "{}"), 400, "invalid-request");
    assertProblem(skip(skipIds.get(0), "   "), 400, "invalid-request");
    assertProblem(skip(UUID.randomUUID(), "why"), 404, "outbox-row-unknown");
    assertProblem(
        admin.post("/api/ops/outbox/stuck/" + skipIds.get(1) + "/retry", ""),
        409,
        "outbox-row-not-stuck");
    assertProblem(admin.post("/api/ops/outbox/stuck/NOT-A-UUID/retry", ""), 404, "not-found");
    var customer = Api.as("customer", "1");
    assertProblem(customer.post(stuckRow + "/skip", "{\"reason\":\"x\"}"), 403, "forbidden");
    assertProblem(customer.get("/api/ops/outbox/stuck"), 403, "forbidden");
  }

  /** A skip over HTTP; while a sweeper holds the row (a 409 busy, briefly) it asks again. */
  private Api.Reply skip(UUID eventId, String reason) {
    var path = "/api/ops/outbox/stuck/" + eventId + "/skip";
    var body = "{\"reason\":\"" + reason + "\"}";
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.post(path, body), r -> !r.body().contains("outbox-row-busy"));
  }

  private void assertSkipRecorded(UUID eventId, String productId) throws Exception {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select k.skipped_by, k.reason, k.aggregate_id, k.aggregate_version,"
                    + " o.skipped_at is not null, o.published_at is not null"
                    + " from outbox_skipped k join outbox o using (event_id) where event_id = ?")) {
      s.setObject(1, eventId);
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).as("the skip is recorded").isTrue();
        assertThat(rs.getString(1)).isEqualTo(OPERATOR);
        assertThat(rs.getString(2)).isEqualTo("record larger than the topic's max.message.bytes");
        assertThat(rs.getString(3)).isEqualTo(productId);
        assertThat(rs.getLong(4)).isEqualTo(1);
        assertThat(rs.getBoolean(5)).as("the row says it was skipped").isTrue();
        assertThat(rs.getBoolean(6)).as("and is done for its aggregate's queue").isTrue();
      }
    }
  }

  private static void assertProblem(Api.Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().getString("type")).endsWith("/" + type);
  }

  /** The event ids the stuck listing shows now. */
  private List<UUID> listed() {
    var reply = admin.get("/api/ops/outbox/stuck");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("rows").stream()
        .map(r -> UUID.fromString(r.asJsonObject().getString("eventId")))
        .toList();
  }

  private static JsonObject rowOf(JsonObject listing, UUID eventId) {
    return listing.getJsonArray("rows").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("eventId").equals(eventId.toString()))
        .findFirst()
        .orElseThrow();
  }

  /** An application metric from the Prometheus text, summed over its series. */
  private static double metric(String name) {
    var text = OperatorMetrics.scrape(KeystoneStack.get().httpsBaseUrl());
    return text.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
