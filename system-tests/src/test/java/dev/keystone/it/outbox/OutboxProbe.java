package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the outbox tests look at: products written through the API, the outbox rows in PostgreSQL,
 * and the events on the topic, counted from the topic itself (distinct, duplicated, order).
 */
public final class OutboxProbe {

  private OutboxProbe() {}

  /** One event as read off the topic. */
  /**
   * One record as a plain consumer read it; {@code sentAt} is its Kafka timestamp, the producer's
   * clock when the record was handed to {@code send} (CreateTime): a resend carries a later one.
   */
  public record Seen(
      String key, UUID id, long version, int partition, long offset, String value, long sentAt) {}

  /** Creates a product through {@code api}; returns its id. Fails unless the answer is 201. */
  public static long createProduct(Api api, String prefix) {
    var sku = prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    var reply =
        api.post(
            "/api/products",
            """
            {"sku":"%s","name":"Outbox","price":2.50,"currency":"EUR","stock":5,"category":"it"}
            """
                .formatted(sku));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getJsonNumber("id").longValue();
  }

  /** Unpublished outbox rows of the given aggregates (type product unless told). */
  public static long unpublished(String aggregateType, Collection<String> ids) throws SQLException {
    return count(aggregateType, ids, "published_at is null");
  }

  static long rows(String aggregateType, Collection<String> ids) throws SQLException {
    return count(aggregateType, ids, "true");
  }

  private static long count(String type, Collection<String> ids, String condition)
      throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from outbox where aggregate_type = ? and aggregate_id = any(?) and "
                    + condition)) {
      s.setString(1, type);
      s.setArray(2, c.createArrayOf("varchar", ids.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Event id → recorded failed attempts, of the given aggregates' rows. */
  static Map<UUID, Integer> attempts(String type, Collection<String> ids) throws SQLException {
    var attempts = new HashMap<UUID, Integer>();
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select event_id, attempts from outbox where aggregate_type = ?"
                    + " and aggregate_id = any(?)")) {
      s.setString(1, type);
      s.setArray(2, c.createArrayOf("varchar", ids.toArray()));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          attempts.put(rs.getObject(1, UUID.class), rs.getInt(2));
        }
      }
    }
    return attempts;
  }

  /**
   * The events on {@code topic} whose key is one of {@code keys}: the whole topic read to its end
   * offsets (so duplicates past the expected count are seen too), again until {@code expected}
   * distinct events are there or {@code wait} passed; then what the last read found.
   */
  public static List<Seen> read(String topic, Set<String> keys, int expected, Duration wait) {
    try {
      return await()
          .atMost(wait)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> readAll(topic, keys, wait), s -> Delivery.of(s).distinct() >= expected);
    } catch (ConditionTimeoutException e) {
      return readAll(topic, keys, wait);
    }
  }

  private static List<Seen> readAll(String topic, Set<String> keys, Duration wait) {
    var seen = new ArrayList<Seen>();
    for (var r : Topics.readToEnd(topic, wait)) {
      if (!keys.contains(r.key())) {
        continue;
      }
      var json = Json.createReader(new StringReader(r.value())).readObject();
      seen.add(
          new Seen(
              r.key(),
              UUID.fromString(json.getString("id")),
              json.getJsonNumber("aggregateversion").longValue(),
              r.partition(),
              r.offset(),
              r.value(),
              r.timestamp()));
    }
    return seen;
  }

  /** Counts of one delivery: distinct event ids, duplicates, and order violations per key. */
  /** The distinct versions seen for {@code key}, in the order they arrived. */
  public static List<Long> versions(List<Seen> seen, String key) {
    return seen.stream()
        .filter(s -> s.key().equals(key))
        .mapToLong(Seen::version)
        .distinct()
        .boxed()
        .toList();
  }

  /**
   * The duplicated events without a cause the topic itself shows (an independent check of the
   * at-least-once edge, not the outbox's own failure count): a resend follows a send of unknown
   * outcome, so the event's first copy must have been sent (its Kafka timestamp) while the broker
   * was going or gone, within {@code [fromMs, toMs]}. A duplicate first sent outside that window,
   * e.g. by two relays publishing one row after the broker was back, is returned.
   */
  public static List<UUID> duplicatesWithoutCause(List<Seen> seen, long fromMs, long toMs) {
    var firstSent = new HashMap<UUID, Long>();
    seen.forEach(s -> firstSent.merge(s.id(), s.sentAt(), Math::min));
    return Delivery.of(seen).duplicates().stream()
        .filter(id -> firstSent.get(id) < fromMs || firstSent.get(id) > toMs)
        .toList();
  }

  public record Delivery(int records, int distinct, List<UUID> duplicates, List<String> disorder) {

    public static Delivery of(List<Seen> seen) {
      var ids = new HashSet<UUID>();
      var duplicates = new ArrayList<UUID>();
      var disorder = new ArrayList<String>();
      var last = new HashMap<String, Seen>();
      // Topics.read polls partitions in offset order: per key, the order consumers see.
      for (var s : seen) {
        if (!ids.add(s.id())) {
          duplicates.add(s.id());
        }
        var previous = last.put(s.key(), s);
        if (previous != null
            && (s.version() < previous.version()
                || (s.version() == previous.version() && !s.id().equals(previous.id())))) {
          disorder.add(s.key() + ": v" + previous.version() + " then v" + s.version());
        }
      }
      return new Delivery(seen.size(), ids.size(), duplicates, disorder);
    }

    @Override
    public String toString() {
      return "records="
          + records
          + " distinct="
          + distinct
          + " duplicated="
          + duplicates.size()
          + " out-of-order="
          + disorder.size();
    }
  }
}
