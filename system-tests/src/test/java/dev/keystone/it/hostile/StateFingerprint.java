package dev.keystone.it.hostile;

import dev.keystone.it.support.KeystoneStack;
import java.net.URI;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

/**
 * What the three stores hold, seen from outside the application: a checksum of every row of every
 * table (in-place updates change it, not just inserts), a digest of every Redis key's value, and
 * the end offset of every partition of every topic.
 */
record StateFingerprint(
    Map<String, String> tables, Map<String, String> redis, Map<String, Long> offsets) {

  static StateFingerprint take() {
    return new StateFingerprint(readTables(), readRedis(), readOffsets());
  }

  /** What differs in {@code later}: changed tables, written Redis keys, moved offsets. */
  List<String> changesIn(StateFingerprint later) {
    var changes = new ArrayList<String>();
    later.tables.forEach(
        (t, sum) -> {
          if (!sum.equals(tables.get(t))) {
            changes.add("table " + t);
          }
        });
    // A key that is gone expired (cache entries have a lifetime); a key that is new or holds
    // another value was written.
    later.redis.forEach(
        (k, digest) -> {
          if (!digest.equals(redis.get(k))) {
            changes.add("redis key " + k);
          }
        });
    later.offsets.forEach(
        (p, end) -> {
          if (!end.equals(offsets.getOrDefault(p, 0L))) {
            changes.add("topic partition " + p + " " + offsets.get(p) + " → " + end);
          }
        });
    return changes;
  }

  private static Map<String, String> readTables() {
    var sums = new TreeMap<String, String>();
    try (var c = KeystoneStack.get().database();
        var names =
            c.createStatement()
                .executeQuery(
                    "select table_schema, table_name from information_schema.tables where"
                        + " table_type = 'BASE TABLE' and table_schema not in ('pg_catalog',"
                        + " 'information_schema')")) {
      var all = new ArrayList<String>();
      while (names.next()) {
        all.add("\"" + names.getString(1) + "\".\"" + names.getString(2) + "\"");
      }
      for (var table : all) {
        try (var rs =
            c.createStatement()
                .executeQuery(
                    "select md5(coalesce(string_agg(t::text, '' order by t::text), '')) from "
                        + table
                        + " t")) {
          rs.next();
          sums.put(table, rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return sums;
  }

  private static Map<String, String> readRedis() {
    var digests = new TreeMap<String, String>();
    var url = URI.create(KeystoneStack.get().devstack().endpoints().redisUrl());
    try (var jedis = new Jedis(url)) {
      var cursor = ScanParams.SCAN_POINTER_START;
      do {
        var page = jedis.scan(cursor, new ScanParams().count(1000));
        for (var key : page.getResult()) {
          var dump = jedis.dump(key);
          if (dump != null) {
            digests.put(key, digest(dump));
          }
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return digests;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * End offsets of every partition of every topic but Kafka's internal ones: {@code
   * __consumer_offsets} moves whenever a consumer group commits, which the consumers do on a timer
   * whether or not anything new arrived; it records reading, not publishing.
   */
  private static Map<String, Long> readOffsets() {
    var bootstrap = KeystoneStack.get().devstack().endpoints().kafkaBootstrap();
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      var partitions = new java.util.HashMap<TopicPartition, OffsetSpec>();
      for (var d :
          admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
        for (var p : d.partitions()) {
          partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
        }
      }
      var ends = new TreeMap<String, Long>();
      admin
          .listOffsets(partitions)
          .all()
          .get(10, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp.toString(), info.offset()));
      return ends;
    } catch (Exception e) {
      throw new IllegalStateException("reading the topics' end offsets", e);
    }
  }

  /**
   * Waits until nothing is on its way ({@link Backlog}: every outbox row published, every record
   * committed by the consumers' groups) and then two fingerprints a second apart agree. A quiet
   * second alone is not enough: rows left to the sweeper wait 3 s without a change anywhere, and
   * are published in the middle of the next batch.
   */
  static StateFingerprint settled(Duration atMost) {
    var last = new StateFingerprint[] {take()};
    var backlog = new Backlog[] {Backlog.now()};
    var quietWithBacklog = new boolean[1];
    try {
      org.awaitility.Awaitility.await()
          .atMost(atMost)
          .pollDelay(Duration.ofSeconds(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                // the backlog first: empty, nothing was on its way when the fingerprint was taken
                backlog[0] = Backlog.now();
                var now = take();
                boolean same = last[0].changesIn(now).isEmpty();
                last[0] = now;
                if (same && !backlog[0].isEmpty() && !quietWithBacklog[0]) {
                  quietWithBacklog[0] = true;
                  System.out.println(
                      "StateFingerprint: a quiet second, but still on its way: " + backlog[0]);
                }
                return same && backlog[0].isEmpty();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new IllegalStateException(
          "the state did not settle within " + atMost + "; " + backlog[0], e);
    }
    return last[0];
  }
}
