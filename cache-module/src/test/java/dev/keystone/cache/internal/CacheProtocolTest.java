package dev.keystone.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.platform.cachekeys.CacheKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Every script's keys hash to one Redis Cluster slot, so the same scripts run on one Redis, behind
 * Sentinel and on Redis Cluster (which refuses a script whose keys span slots: CROSSSLOT).
 */
class CacheProtocolTest {

  @Test
  void everyScriptsKeysLieInOneSlot() {
    for (String id : ids()) {
      String key = CacheKeys.key("product", id);
      for (var script : CacheProtocol.Script.values()) {
        var slots =
            script.keys(key).stream().map(JedisClusterCRC16::getSlot).collect(Collectors.toSet());
        assertThat(slots).as("%s keys of id %s", script, id).hasSize(1);
      }
    }
  }

  @Test
  void differentEntriesSpreadOverManySlots() {
    var slots =
        ids().stream()
            .map(id -> JedisClusterCRC16.getSlot(CacheKeys.key("product", id)))
            .collect(Collectors.toSet());
    assertThat(slots)
        .as("the tag holds the id, so entries do not pile onto one node")
        .hasSizeGreaterThan(100);
  }

  @Test
  void withoutTheTagAValueAndItsLeaseWouldOftenBeSplit() {
    // Guards the test above against passing trivially: the untagged form of the old scheme splits.
    long split =
        ids().stream()
            .map(id -> "keystone:v1:product:" + id)
            .filter(k -> JedisClusterCRC16.getSlot(k) != JedisClusterCRC16.getSlot(k + ":lease"))
            .count();
    assertThat(split).isGreaterThan(100);
  }

  /** Plain ids, UUIDs, and ids carrying braces, which would move a naive hash tag. */
  private static List<String> ids() {
    var random = new Random(42);
    var ids = new ArrayList<String>();
    for (int i = 0; i < 300; i++) {
      ids.add(Integer.toString(i));
      ids.add(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
    }
    ids.addAll(List.of("{", "}", "{}", "a}b", "{x}", "}{", "", ":", "é{ü}"));
    return ids;
  }
}
