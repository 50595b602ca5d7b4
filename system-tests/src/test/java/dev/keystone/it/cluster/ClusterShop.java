package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop on the cluster stack as the failover tests write and observe it: products created
 * through the API, and what PostgreSQL holds (versions, outbox rows, audit rows), read by plain
 * JDBC.
 */
final class ClusterShop {
  private final ClusterStack cluster;

  ClusterShop(ClusterStack cluster) {
    this.cluster = cluster;
  }

  /** Records one more acknowledged write ({@code <id>:<version>}) made outside a stream. */
  void acknowledge(String write) {
    created.add(write);
  }

  /**
   * Every product's acknowledged creation (and {@link #acknowledge}d write), as {@code
   * <id>:<version>}.
   */
  Set<String> created() {
    return Set.copyOf(created);
  }

  private final Set<String> created = ConcurrentHashMap.newKeySet();

  /** Creates {@code count} products; their first versions count as acknowledged writes. */
  List<String> createProducts(int count) {
    return createProducts(count, 1);
  }

  /** Creates {@code count} products with {@code stock} units each. */
  List<String> createProducts(int count, int stock) {
    var prefix = "CL-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    var ids = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      var reply =
          cluster.api.post(
              "/api/products",
              """
              {"sku":"%s%d","name":"Cluster","price":2.00,"currency":"EUR","stock":%d,"category":"cluster"}
              """
                  .formatted(prefix, i, stock));
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      var id = Long.toString(reply.json().getJsonNumber("id").longValue());
      ids.add(id);
      created.add(id + ":" + reply.json().getJsonNumber("version").longValue());
    }
    return ids;
  }

  int unpublished(List<String> products) throws SQLException {
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select count(*) from outbox where aggregate_type = 'product'"
                    + " and aggregate_id = any(?) and published_at is null")) {
      s.setArray(1, c.createArrayOf("varchar", products.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Every version each product went through: 0 (or its first) up to the one in the database. */
  Set<String> committedVersions(List<String> products) throws SQLException {
    var committed = new HashSet<String>();
    try (var c = cluster.database();
        var s = c.prepareStatement("select id, version from products where id = any(?)")) {
      s.setArray(1, c.createArrayOf("bigint", products.stream().map(Long::valueOf).toArray()));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          long first = firstVersion(rs.getLong(1));
          for (long v = first; v <= rs.getLong(2); v++) {
            committed.add(rs.getLong(1) + ":" + v);
          }
        }
      }
    }
    return committed;
  }

  long firstVersion(long id) {
    return created.stream()
        .filter(k -> k.startsWith(id + ":"))
        .mapToLong(k -> Long.parseLong(k.substring(k.indexOf(':') + 1)))
        .min()
        .orElseThrow();
  }

  Set<UUID> audited(Set<UUID> eventIds) throws SQLException {
    var found = new HashSet<UUID>();
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select event_id from consumers.audit_log where event_id = any(?)")) {
      s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return found;
  }
}
