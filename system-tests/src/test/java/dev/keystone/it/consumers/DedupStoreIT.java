package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The dedup store is bounded ("bounded dedup store"): the pruner deletes processed-event rows older
 * than the configured horizon (168 h by default; DedupPruner's Javadoc says why that is safe
 * against Kafka's redelivery) and keeps every newer row, so a duplicate within the horizon is still
 * recognised. Runs the product's own pruning (the operator's prune-now endpoint) against the real
 * PostgreSQL.
 */
@KeystoneIT
class DedupStoreIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static final String PROBE = "prune-probe";

  @Test
  void rowsOlderThanTheHorizonArePrunedAndNewerOnesKept() throws Exception {
    var api = Api.keystone();
    var first = api.post("/consumers/admin/dedup/prune", ""); // the schema exists from here on
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().getInt("horizonHours")).isEqualTo(168);

    // 12 rows past the horizon, and rows just inside it, an hour old, and fresh
    var old = new ArrayList<UUID>();
    for (int i = 0; i < 12; i++) {
      old.add(insert("169 hours"));
    }
    var kept = List.of(insert("167 hours"), insert("1 hour"), insert("0 seconds"));

    var reply = api.post("/consumers/admin/dedup/prune", "");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getInt("pruned")).isGreaterThanOrEqualTo(old.size());
    assertThat(present(old)).as("rows older than the horizon").isEmpty();
    assertThat(present(kept))
        .as("rows inside the horizon")
        .containsExactlyInAnyOrderElementsOf(kept);
  }

  private static UUID insert(String age) throws SQLException {
    var id = UUID.randomUUID();
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "insert into consumers.processed_events (consumer, event_id, processed_at)"
                    + " values (?, ?, now() - cast(? as interval))")) {
      s.setString(1, PROBE);
      s.setObject(2, id);
      s.setString(3, age);
      s.executeUpdate();
    }
    return id;
  }

  private static List<UUID> present(List<UUID> ids) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select event_id from consumers.processed_events where consumer = ?"
                    + " and event_id = any(?)")) {
      s.setString(1, PROBE);
      s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      try (var rs = s.executeQuery()) {
        var found = new ArrayList<UUID>();
        while (rs.next()) {
          found.add(rs.getObject(1, UUID.class));
        }
        return found;
      }
    }
  }
}
