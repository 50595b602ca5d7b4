package dev.keystone.it.support;

import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.SetTally.Attempt;
import dev.keystone.it.support.SetTally.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The client's record of a stream of product writes, and the observers the {@link SetTally} checks
 * it against. Every write names its operation id in the product's events (a created product's SKU,
 * an adjustment's reason), all starting with this ledger's prefix; after the run the ledger reads
 * the database (outbox rows, plain JDBC), the whole {@code keystone.product} topic (a plain
 * consumer, to the end offsets) and the audit consumer's rows, and tallies them.
 */
public final class WriteLedger {

  private static final String TOPIC = "keystone.product";

  private final String prefix = "CF" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final ConcurrentHashMap<String, Attempt> attempts = new ConcurrentHashMap<>();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger clientErrors = new AtomicInteger();
  private final AtomicInteger noAnswer = new AtomicInteger();

  /** The prefix of every operation id of this ledger. */
  public String prefix() {
    return prefix;
  }

  /**
   * Sends one write named {@code op} and records its outcome: a 2xx is acknowledged (the product's
   * id and version from the answer), a 4xx refused, a 5xx or no answer unknown.
   *
   * @return the answer, or null when there was none
   */
  public Api.Reply call(String op, Supplier<Api.Reply> request) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    long start = System.nanoTime();
    try {
      var reply = request.get();
      if (reply.status() / 100 == 2) {
        var body = reply.json();
        keys.add(Long.toString(body.getJsonNumber("id").longValue()));
        attempts.put(
            op, new Attempt(op, Outcome.ACKNOWLEDGED, body.getJsonNumber("version").longValue()));
      } else if (reply.status() >= 500) {
        (reply.status() == 503 ? unavailable : serverErrors).incrementAndGet();
        attempts.put(op, new Attempt(op, Outcome.UNKNOWN, -1));
      } else {
        clientErrors.incrementAndGet();
        attempts.put(op, new Attempt(op, Outcome.REFUSED, -1));
      }
      return reply;
    } catch (UncheckedIOException e) { // refused, reset, or the client's 30 s timeout
      noAnswer.incrementAndGet();
      attempts.put(op, new Attempt(op, Outcome.UNKNOWN, -1));
      return null;
    } finally {
      millis.add((System.nanoTime() - start) / 1_000_000);
      inFlight.decrementAndGet();
    }
  }

  public int attempted() {
    return attempts.size();
  }

  public int unavailable() {
    return unavailable.get();
  }

  /** 5xx other than 503. */
  public int serverErrors() {
    return serverErrors.get();
  }

  /** 4xx answers. */
  public int clientErrors() {
    return clientErrors.get();
  }

  public int noAnswer() {
    return noAnswer.get();
  }

  /**
   * Unpublished outbox rows of this ledger's products (committed ones, whatever the client saw).
   */
  public long backlog() throws SQLException {
    return scalar(
        "select count(*) from outbox where aggregate_type = 'product' and published_at is null"
            + " and aggregate_id = any(?)");
  }

  /**
   * Answer times and the most requests in flight at once: "in flight N, answer time p50/p99/max".
   */
  public String answerTimes() {
    var sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    return "in flight at most %d, answer time p50 %d ms, p99 %d ms, max %d ms"
        .formatted(maxInFlight.get(), pct(sorted, 50), pct(sorted, 99), pct(sorted, 100));
  }

  private static long pct(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * Waits until the outbox of this ledger's products is empty and the audit consumer has a row for
   * each committed event, then reads the observers and tallies them.
   */
  public SetTally.Result converge(Duration wait) throws SQLException {
    refreshKeys();
    try {
      await().atMost(wait).pollInterval(Duration.ofMillis(500)).until(() -> backlog() == 0);
      await()
          .atMost(wait)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  scalar(
                          "select count(*) from consumers.audit_log where aggregate_type ="
                              + " 'product' and aggregate_id = any(?)")
                      >= scalar(
                          "select count(*) from outbox where aggregate_type = 'product'"
                              + " and aggregate_id = any(?)"));
    } catch (ConditionTimeoutException e) {
      // no convergence: tally what is there, so that the failure names what is missing
      System.out.println("no convergence within " + wait + ": " + e.getMessage());
    }
    return tally(wait);
  }

  /** Reads the observers now and tallies them. */
  public SetTally.Result tally(Duration wait) throws SQLException {
    refreshKeys();
    var tally = new SetTally();
    attempts.values().forEach(tally::attempt);
    for (var r : Topics.readToEnd(TOPIC, wait)) {
      if (r.value() != null && r.value().contains(prefix)) {
        var json = Json.createReader(new StringReader(r.value())).readObject();
        tally.onTopic(
            new SetTally.Event(
                op(json.getJsonObject("data")),
                UUID.fromString(json.getString("id")),
                r.key(),
                json.getJsonNumber("aggregateversion").longValue(),
                r.partition(),
                r.offset()));
      }
    }
    try (var c = KeystoneStack.get().database();
        var outbox =
            c.prepareStatement(
                "select payload from outbox where aggregate_type = 'product'"
                    + " and aggregate_id = any(?)");
        var audit =
            c.prepareStatement(
                "select event_id from consumers.audit_log where aggregate_type = 'product'"
                    + " and aggregate_id = any(?)")) {
      var ids = c.createArrayOf("varchar", keys.toArray());
      outbox.setArray(1, ids);
      try (var rs = outbox.executeQuery()) {
        while (rs.next()) {
          var json = Json.createReader(new StringReader(rs.getString(1))).readObject();
          tally.committed(op(json.getJsonObject("data")));
        }
      }
      audit.setArray(1, ids);
      try (var rs = audit.executeQuery()) {
        while (rs.next()) {
          tally.effect(rs.getObject(1, UUID.class));
        }
      }
    }
    return tally.result();
  }

  /** An adjustment names its operation in its reason, a created product in its SKU. */
  private static String op(JsonObject data) {
    return data.containsKey("reason") ? data.getString("reason") : data.getString("sku");
  }

  /** Adds the products the database holds under this prefix (created, acknowledged or not). */
  private void refreshKeys() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement("select id from products where sku like ?")) {
      s.setString(1, prefix + "%");
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(Long.toString(rs.getLong(1)));
        }
      }
    }
  }

  /** The product ids of this ledger known so far. */
  public List<String> keys() {
    return new ArrayList<>(new HashSet<>(keys));
  }

  private long scalar(String sql) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement(sql)) {
      s.setArray(1, c.createArrayOf("varchar", keys.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public String toString() {
    return "%d attempts: %d 503, %d other 5xx, %d 4xx, %d unanswered"
        .formatted(
            attempts.size(),
            unavailable.get(),
            serverErrors.get(),
            clientErrors.get(),
            noAnswer.get());
  }
}
