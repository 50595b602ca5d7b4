package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * A server killed with SIGKILL after the commit and before the send loses no event: a second node
 * ({@code keystone-b}) runs with its fast path and sweeper off (so nothing of it ever sends), takes
 * a write, and is killed; the main server's sweeper publishes the orphaned row. The same node
 * prunes with a tiny retention, so published rows disappear within seconds and unpublished ones
 * never do.
 */
@KeystoneIT
class ServerCrashIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void anEventCommittedByAKilledServerIsPublishedAndPublishedRowsArePruned() throws Exception {
    var stack = KeystoneStack.get();
    var b =
        stack.startExtraServer(
            "keystone-b",
            Map.of(
                "KEYSTONE_OUTBOX_RELAY_ENABLED", "false",
                "KEYSTONE_OUTBOX_SWEEPER_ENABLED", "false",
                "KEYSTONE_OUTBOX_RETENTION_MS", "2000",
                "KEYSTONE_OUTBOX_PRUNE_INTERVAL_MS", "500"));
    List<String> orphan;
    Instant killedAt;
    try {
      // Retention: a row published through the main server is deleted by b's pruner.
      var main = Api.keystone();
      var pruned = List.of(Long.toString(OutboxProbe.createProduct(main, "PRUNE")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> OutboxProbe.unpublished("product", pruned) == 0);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> OutboxProbe.rows("product", pruned) == 0);

      // The crash: committed through b, which never sends, then SIGKILLed.
      var viaB = new Api("http://localhost:" + b.httpPort());
      orphan = List.of(Long.toString(OutboxProbe.createProduct(viaB, "CRASH")));
      b.kill();
      killedAt = Instant.now();
      await().atMost(Duration.ofSeconds(30)).until(() -> !b.isRunning());
    } finally {
      b.kill();
    }
    assertThat(OutboxProbe.rows("product", orphan)).as("the committed row").isEqualTo(1);
    var before = publishedAt(orphan.get(0));
    assertThat(before == null || before.isAfter(killedAt))
        .as("unpublished when b died (published at %s, killed at %s)", before, killedAt)
        .isTrue();

    // Nobody sent it; the main server's sweeper does, after b died.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> OutboxProbe.unpublished("product", orphan) == 0);
    assertThat(publishedAt(orphan.get(0))).isAfter(killedAt);
    var seen = OutboxProbe.read("keystone.product", Set.copyOf(orphan), 1, Duration.ofSeconds(60));
    assertThat(seen).hasSize(1);
  }

  private static Instant publishedAt(String productId) throws Exception {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select published_at from outbox where aggregate_type = 'product'"
                    + " and aggregate_id = ?")) {
      s.setString(1, productId);
      try (var rs = s.executeQuery()) {
        rs.next();
        Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
      }
    }
  }
}
