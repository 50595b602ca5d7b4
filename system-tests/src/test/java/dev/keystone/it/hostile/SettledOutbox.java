package dev.keystone.it.hostile;

import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Waits until every outbox row is published before the hostile batches start: a row published in
 * the background (e.g. one an earlier test left at a long back-off) would otherwise change the
 * outbox, the topic and the consumers' tables during a batch and be taken for a refused request's
 * change. Rows listed as stuck are retried over the operator API, so none waits out its back-off.
 */
final class SettledOutbox {

  private SettledOutbox() {}

  static void settle(Api admin) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              var stuck = admin.get("/api/ops/outbox/stuck");
              if (stuck.status() == 200) {
                stuck.json().getJsonArray("rows").stream()
                    .map(r -> r.asJsonObject().getString("eventId"))
                    .forEach(id -> admin.post("/api/ops/outbox/stuck/" + id + "/retry", ""));
              }
              return unpublished() == 0;
            });
  }

  private static long unpublished() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement();
        var rs = s.executeQuery("select count(*) from outbox where published_at is null")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
