package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.insertProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.cache.internal.CacheEntry;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * docs/architecture.md §5.2, evict after commit, never before — in the running server. The test
 * holds a write's transaction open at its very end: a deferred constraint trigger (installed by the
 * test, for this one product only) makes PostgreSQL's COMMIT wait for an advisory lock the test
 * holds. By then the service has asked for the eviction ({@code CacheEvictions}), so one that ran
 * before commit would already have removed the key. While the commit waits, a read misses, loads
 * the old row (the only committed one) and fills it; once the commit completes, that old value must
 * be gone before the write's response arrives. Evicting before commit fails both checks.
 */
class EvictAfterCommitIT {

  private final CacheFixture.Node api = CacheFixture.nodeA();

  @Test
  void aWritesEvictionRunsAfterItsCommitAndRemovesAValueReadWhileItWasOpen() throws Exception {
    long id = insertProduct("EVICT");
    var path = "/api/products/" + id;
    long lockKey = 4_000_000_000L + id;
    assertThat(api.get(path).json().getString("name")).isEqualTo("Original");

    try (var redis = CacheFixture.redis();
        var holder = KeystoneStack.get().database()) {
      assertThat(version(redis, id)).isEqualTo(1);
      holdCommitsOf(id, lockKey, holder);
      try {
        var write =
            CompletableFuture.supplyAsync(
                () ->
                    CacheFixture.put(
                        api.url(),
                        path,
                        "\"1\"",
                        "{\"name\":\"Renamed\",\"price\":3.50,\"currency\":\"EUR\"}"));
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> write.isDone() || commitsWaiting() > 0);
        assertThat(write).as("the write waits in its COMMIT").isNotDone();

        // the service has asked for the eviction; it must wait for the commit
        assertThat(version(redis, id))
            .as("cached version while the write is uncommitted")
            .isEqualTo(1);

        // a read racing the write: the key goes (as by expiry), the read loads the committed row
        CacheFixture.invalidate(redis, id);
        var racing = api.get(path);
        assertThat(racing.json().getString("name")).isEqualTo("Original");
        assertThat(racing.header("Cache-Status")).isEqualTo("keystone; fwd=miss; stored");
        assertThat(version(redis, id)).as("the racing read filled the old row").isEqualTo(1);

        release(holder);
        Api.Reply written = write.get();
        assertThat(written.status()).as(written.toString()).isEqualTo(200);
        assertThat(written.header("ETag")).isEqualTo("\"2\"");
        assertThat(version(redis, id))
            .as("right after the write's response: the old value is gone (-1) or replaced")
            .isNotEqualTo(1);
        assertThat(api.get(path).json().getString("name")).isEqualTo("Renamed");
      } finally {
        release(holder);
        dropHold(id);
      }
    }
  }

  private static long version(JedisPooled redis, long id) {
    var entry = CacheEntry.decode(redis.get(CacheFixture.key(id)));
    return entry == null ? -1 : entry.version();
  }

  /**
   * Takes advisory lock {@code lockKey} on {@code holder} and installs a deferred trigger that
   * makes any transaction updating product {@code id} take the same lock at COMMIT.
   */
  private static void holdCommitsOf(long id, long lockKey, Connection holder) throws SQLException {
    try (var s = holder.createStatement()) {
      s.execute("select pg_advisory_lock(" + lockKey + ")");
    }
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement()) {
      s.execute(
          ("create or replace function keystone_it_hold_%d() returns trigger language plpgsql"
                  + " as $$ begin perform pg_advisory_xact_lock_shared(%d); return null; end $$")
              .formatted(id, lockKey));
      s.execute(
          ("create constraint trigger keystone_it_hold_%d after update on products"
                  + " deferrable initially deferred for each row when (new.id = %d)"
                  + " execute function keystone_it_hold_%d()")
              .formatted(id, id, id));
    }
  }

  private static void release(Connection holder) throws SQLException {
    try (var s = holder.createStatement()) {
      s.execute("select pg_advisory_unlock_all()");
    }
  }

  private static void dropHold(long id) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement()) {
      s.execute("drop trigger if exists keystone_it_hold_%d on products".formatted(id));
      s.execute("drop function if exists keystone_it_hold_%d()".formatted(id));
    }
  }

  /** Transactions waiting for an advisory lock right now: the held COMMIT. */
  private static long commitsWaiting() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "select count(*) from pg_stat_activity"
                    + " where wait_event_type = 'Lock' and wait_event = 'advisory'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
