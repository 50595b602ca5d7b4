package dev.keystone.it.consumers;

import dev.keystone.it.support.KeystoneStack;
import jakarta.json.Json;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The analytics and audit projections as rows of text, in a stable order and without arrival
 * timestamps, so that two states (or a state and {@link LogFold}'s fold of the topics) compare row
 * by row. JSON columns are re-serialised here, so that only their content counts.
 */
final class ProjectionRows {

  private ProjectionRows() {}

  /** {@code day product sku currency units revenue}, zero rows included. */
  static List<String> dailySales() throws SQLException {
    return rows(
        "select day || ' ' || product_id || ' ' || sku || ' ' || currency || ' ' || units"
            + " || ' ' || revenue from consumers.analytics_daily_sales order by 1",
        false);
  }

  /** {@code order day currency cancelled lines}. */
  static List<String> orders() throws SQLException {
    return rows(
        "select order_id || ' ' || day || ' ' || currency || ' ' || cancelled, lines"
            + " from consumers.analytics_orders order by 1",
        true);
  }

  /** {@code event type aggregateType aggregateId version payload}. */
  static List<String> audit() throws SQLException {
    return rows(
        "select event_id || ' ' || event_type || ' ' || aggregate_type || ' ' || aggregate_id"
            + " || ' ' || aggregate_version, payload from consumers.audit_log order by 1",
        true);
  }

  /** Both consumers' projections. */
  static List<List<String>> all() throws SQLException {
    return List.of(dailySales(), orders(), audit());
  }

  /** JSON text in this JVM's serialisation: same content, same text. */
  static String json(String text) {
    if (text == null || text.equals("null")) {
      return "null";
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readValue().toString();
    }
  }

  static List<String> rows(String sql, boolean withJson) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      var rows = new ArrayList<String>();
      while (rs.next()) {
        rows.add(withJson ? rs.getString(1) + " " + json(rs.getString(2)) : rs.getString(1));
      }
      rows.sort(null); // in Java: the database's collation may order text otherwise
      return rows;
    }
  }
}
