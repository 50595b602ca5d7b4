package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import java.net.http.HttpRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Product writes through the API, each acknowledged one remembered as the version it gave its
 * product (create → 1, every change +1): the set of events the topic must end up holding.
 */
final class ProductWrites {

  /** 200 characters of three UTF-8 bytes each: the largest name a product may have, ~600 bytes. */
  static final String LARGE_NAME = "€".repeat(200);

  private static final String LARGE_CATEGORY = "€".repeat(100);

  private final Api api;

  /** product id → the versions its acknowledged writes produced. */
  final Map<String, Set<Long>> acknowledged = new TreeMap<>();

  ProductWrites(Api api) {
    this.api = api;
  }

  /** A product with a short name: a record of a few hundred bytes. */
  String small(String prefix) {
    return create(prefix, "Stuck IT", "it");
  }

  /** A product whose created event is ~900 bytes larger than a small one's. */
  String large(String prefix) {
    return create(prefix, LARGE_NAME, LARGE_CATEGORY);
  }

  private String create(String prefix, String name, String category) {
    var sku = prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    var reply =
        api.post(
            "/api/products",
            """
            {"sku":"%s","name":"%s","price":2.50,"currency":"EUR","stock":50,"category":"%s"}
            """
                .formatted(sku, name, category));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    var id = Long.toString(reply.json().getJsonNumber("id").longValue());
    acknowledged.computeIfAbsent(id, k -> new TreeSet<>()).add(1L);
    return id;
  }

  /** A change with a short name (a small record); its new version. */
  long rename(String id) {
    long version = last(id);
    var reply =
        api.send(
            api.request("/api/products/" + id)
                .header("Content-Type", "application/json")
                .header("If-Match", "\"" + version + "\"")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Renamed\",\"price\":3.00,\"currency\":\"EUR\"}"))
                .build());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return acknowledge(id, version + 1);
  }

  /** A stock adjustment (a small record); its new version. */
  long adjust(String id) {
    var reply =
        api.post(
            "/api/products/" + id + "/stock-adjustments", "{\"delta\":1,\"reason\":\"stuck it\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return acknowledge(id, last(id) + 1);
  }

  private long acknowledge(String id, long version) {
    acknowledged.get(id).add(version);
    return version;
  }

  private long last(String id) {
    return ((TreeSet<Long>) acknowledged.get(id)).last();
  }

  /** The outbox rows' event ids of one product, by version (the database as observer). */
  static List<UUID> eventIds(String id) throws SQLException {
    var ids = new ArrayList<UUID>();
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select event_id from outbox where aggregate_type = 'product'"
                    + " and aggregate_id = ? order by aggregate_version")) {
      s.setString(1, id);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }
}
