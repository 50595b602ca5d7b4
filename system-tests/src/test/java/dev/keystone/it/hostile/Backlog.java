package dev.keystone.it.hostile;

import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What is still on its way from an accepted write to its last effect, seen from outside the
 * application: statements queued on a lock (a write whose client gave up may still commit), outbox
 * rows not yet published (the database), and records the consumers' groups have not yet committed
 * (Kafka's end offsets against the groups' committed offsets). A quiet second is no proof that
 * nothing is on its way: a row whose older version was still in the air is left to the sweeper,
 * which takes it only once it is {@code sweep-delay-ms} (3 s) old (docs/outbox.md, "How a row
 * travels").
 *
 * @param queued statements waiting for a lock, by PostgreSQL's {@code pg_stat_activity}
 * @param unpublished per aggregate with unpublished rows: its rows, versions, age and correlation
 * @param lag per consumer group with records it has not committed: how many
 */
record Backlog(List<String> queued, List<String> unpublished, Map<String, Long> lag) {

  /** The application's consumer groups (server-config's consumers.xml). */
  static final List<String> GROUPS =
      List.of("keystone-audit", "keystone-analytics", "keystone-email", "keystone-cache-refresh");

  /** The topics the groups read. */
  private static final List<String> TOPICS =
      List.of("keystone.product", "keystone.customer", "keystone.order");

  private static final String UNPUBLISHED =
      "select o.aggregate_type || ' ' || o.aggregate_id || coalesce(' (' || p.sku || ')', '')"
          + " || ': ' || count(*) || ' rows, versions ' || min(o.aggregate_version) || '-'"
          + " || max(o.aggregate_version) || ', oldest '"
          + " || round(extract(epoch from now() - min(o.created_at)) * 1000) || ' ms, attempts '"
          + " || max(o.attempts) || ', correlation '"
          + " || left(string_agg(distinct coalesce(o.correlation_id, '-'), ','), 120)"
          + " from outbox o left join products p"
          + " on o.aggregate_type = 'product' and p.id::text = o.aggregate_id"
          + " where o.published_at is null"
          + " group by o.aggregate_type, o.aggregate_id, p.sku order by 1";

  static Backlog now() {
    return new Backlog(
        rows("select left(query, 100) from pg_stat_activity where wait_event_type = 'Lock'"),
        rows(UNPUBLISHED),
        groupLag());
  }

  boolean isEmpty() {
    return queued.isEmpty() && unpublished.isEmpty() && lag.isEmpty();
  }

  @Override
  public String toString() {
    return "statements queued on a lock "
        + queued
        + ", unpublished outbox rows "
        + unpublished
        + ", consumer lag "
        + lag;
  }

  private static List<String> rows(String sql) {
    var rows = new ArrayList<String>();
    try (var c = KeystoneStack.get().database();
        var rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /**
   * Per group, the records on the partitions it committed or has assigned that it has not committed
   * yet. A group commits only after its consumer's transaction (consumers.xml), so no lag means
   * every published record's effect is in the database.
   */
  private static Map<String, Long> groupLag() {
    var bootstrap = KeystoneStack.get().devstack().endpoints().kafkaBootstrap();
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var committed = new HashMap<String, Map<TopicPartition, Long>>();
      var partitions = new HashMap<TopicPartition, OffsetSpec>();
      for (var group : GROUPS) {
        var offsets = new HashMap<TopicPartition, Long>();
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS)
            .forEach((tp, om) -> offsets.put(tp, om == null ? 0L : om.offset()));
        assigned(admin, group).forEach(tp -> offsets.putIfAbsent(tp, 0L));
        offsets.keySet().removeIf(tp -> !TOPICS.contains(tp.topic()));
        offsets.keySet().forEach(tp -> partitions.put(tp, OffsetSpec.latest()));
        committed.put(group, offsets);
      }
      var ends = admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
      var lag = new TreeMap<String, Long>();
      committed.forEach(
          (group, offsets) ->
              offsets.forEach(
                  (tp, offset) -> {
                    long behind = ends.get(tp).offset() - offset;
                    if (behind > 0) {
                      lag.merge(group, behind, Long::sum);
                    }
                  }));
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException("reading the consumer groups' lag", e);
    }
  }

  /** The partitions the group's members hold now; none for a group without members. */
  private static List<TopicPartition> assigned(Admin admin, String group) throws Exception {
    try {
      var described =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      var held = new ArrayList<TopicPartition>();
      described.members().forEach(m -> held.addAll(m.assignment().topicPartitions()));
      return held;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
        return List.of();
      }
      throw e;
    }
  }
}
