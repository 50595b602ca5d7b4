package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.DatabaseLoads;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.outbox.internal.OutboxStore;
import java.sql.SQLException;
import java.util.ArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * How PostgreSQL runs the outbox's own statements on the schema the server migrated, as generic
 * plans (the plans a prepared statement ends up with). On a busy outbox the unpublished rows are
 * few and the planner believes it; before V6 it answered the relay's "is an older version still
 * unpublished?" by reading a whole partial index, dead entries included, on every claim. Each
 * statement must find its rows through the index made for its question.
 *
 * <p>Sequential scans are off in the explaining session: on a test's small table one may be the
 * cheapest plan, and the question here is which index, not whether.
 */
@KeystoneIT
class ClaimPlanIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void theRelaysClaimLooksRowsUpByKeyAndTheOlderVersionByAggregate() throws SQLException {
    assertThat(plan(OutboxStore.CLAIM, "'{}'"))
        .containsPattern("(Index Scan using|Bitmap Index Scan on) outbox_pkey")
        .contains("Index Cond: (event_id = ANY ($1))")
        .contains("Index Scan Backward using outbox_aggregate_idx on outbox p")
        .doesNotContain("outbox_unpublished_idx");
  }

  @Test
  void theSweeperFindsDueHeadsByAgeAndOlderVersionsByAggregate() throws SQLException {
    assertThat(plan(OutboxStore.DUE_HEADS, "1000, 10"))
        .contains("Index Scan using outbox_unpublished_idx on outbox t")
        .contains("Index Scan Backward using outbox_aggregate_idx on outbox p");
  }

  @Test
  void theBacklogReadsOnlyTheUnpublishedIndex() throws SQLException {
    assertThat(plan(OutboxStore.BACKLOG, "")).contains("using outbox_unpublished_idx on outbox");
  }

  /** The generic plan of a JDBC statement ({@code ?} parameters), run with {@code arguments}. */
  private static String plan(String jdbcSql, String arguments) throws SQLException {
    var sql = DatabaseLoads.serverText(jdbcSql);
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement()) {
      s.execute("set plan_cache_mode = force_generic_plan");
      s.execute("set enable_seqscan = off");
      s.execute("prepare outbox_statement as " + sql);
      var lines = new ArrayList<String>();
      var explain =
          "explain (costs off) execute outbox_statement"
              + (arguments.isEmpty() ? "" : "(" + arguments + ")");
      try (var rs = s.executeQuery(explain)) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      var plan = String.join("\n", lines);
      System.out.println(plan);
      return plan;
    }
  }
}
