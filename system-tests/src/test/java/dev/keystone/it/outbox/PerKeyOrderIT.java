package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sweeper sends an aggregate's events in version order, not in the order the rows were created,
 * and keeps that order across a broker outage: many versions of a few aggregates are written
 * straight into the outbox (as a crashed server would leave them, with creation times shuffled
 * against the versions), then swept while the broker goes away and comes back.
 */
@KeystoneIT
@Tag("fault")
class PerKeyOrderIT {

  private static final int AGGREGATES = 5;
  private static final int VERSIONS = 40;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void versionsArriveInOrderPerKeyAcrossABrokerOutage() throws Exception {
    var kafka = KeystoneStack.get().devstack().kafka();
    var keys = new ArrayList<String>();
    for (int a = 0; a < AGGREGATES; a++) {
      keys.add(Long.toString(9_000_000_000L + new Random().nextInt(1_000_000_000)));
    }
    kafka.stop();
    try {
      insertShuffled(keys);
      // Let the sweeper try and fail while the broker is away: rows back off, nothing reorders.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> OutboxProbe.attempts("product", keys).values().stream().anyMatch(n -> n > 0));
    } finally {
      kafka.start();
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> OutboxProbe.unpublished("product", keys) == 0);
    int expected = AGGREGATES * VERSIONS;
    var seen =
        OutboxProbe.read("keystone.product", Set.copyOf(keys), expected, Duration.ofSeconds(60));
    var delivery = OutboxProbe.Delivery.of(seen);
    System.out.println("per-key order after an outage: " + delivery);
    assertThat(delivery.distinct()).isEqualTo(expected);
    assertThat(delivery.disorder()).isEmpty();
    for (var key : keys) {
      assertThat(OutboxProbe.versions(seen, key)).as(key).hasSize(VERSIONS).isSorted();
    }
  }

  /** Writes every version of every aggregate, creation times shuffled against the versions. */
  private static void insertShuffled(List<String> keys) throws SQLException {
    var rows = new ArrayList<long[]>();
    for (int a = 0; a < keys.size(); a++) {
      for (int v = 1; v <= VERSIONS; v++) {
        rows.add(new long[] {a, v});
      }
    }
    Collections.shuffle(rows);
    var sql =
        "insert into outbox (event_id, event_type, aggregate_type, aggregate_id, aggregate_version,"
            + " topic, payload, created_at) values (?,?,?,?,?,?,?, now() - ? * interval '1 millisecond')";
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement(sql)) {
      int age = 60_000;
      for (var row : rows) {
        var id = UUID.randomUUID();
        var key = keys.get((int) row[0]);
        s.setObject(1, id);
        s.setString(2, "dev.keystone.product.changed");
        s.setString(3, "product");
        s.setString(4, key);
        s.setLong(5, row[1]);
        s.setString(6, "keystone.product");
        s.setString(7, envelope(id, key, row[1]));
        s.setLong(8, age -= 10); // creation order follows the shuffle, not the versions
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static String envelope(UUID id, String key, long version) {
    return """
        {"specversion":"1.0","id":"%s","type":"dev.keystone.product.changed",\
        "source":"/keystone/product","subject":"%s","time":"2026-11-29T12:00:00Z",\
        "datacontenttype":"application/json","aggregateversion":%d,\
        "data":{"productId":%s,"sku":"ORDER-%s","name":"Order test","price":1,\
        "currency":"EUR","version":%d}}"""
        .formatted(id, key, version, key, key, version);
  }
}
