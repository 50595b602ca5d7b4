package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.consumers.ShopScenario.Totals;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the consumers hold, read the way an operator would: their HTTP API, their tables. */
final class ConsumerChecks {

  private ConsumerChecks() {}

  /** Analytics' units and revenue per (product, day) of the last 3 days, zero rows left out. */
  static Map<String, Totals> sales(Api api, List<Long> productIds) {
    var today = LocalDate.now(ZoneOffset.UTC);
    var result = new HashMap<String, Totals>();
    for (long product : productIds) {
      var reply =
          api.get(
              "/consumers/analytics/daily-sales?productId="
                  + product
                  + "&from="
                  + today.minusDays(3)
                  + "&to="
                  + today.plusDays(1));
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      for (var row : reply.jsonArray().getValuesAs(JsonObject.class)) {
        long units = row.getJsonNumber("units").longValue();
        BigDecimal revenue = row.getJsonNumber("revenue").bigDecimalValue();
        if (units != 0 || revenue.signum() != 0) {
          result.put(
              row.getJsonNumber("productId").longValue() + "@" + row.getString("day"),
              new Totals(units, revenue.setScale(2)));
        }
      }
    }
    return result;
  }

  /** The expected fold with revenue at the table's scale, for equality with {@link #sales}. */
  static Map<String, Totals> scaled(Map<String, Totals> expected) {
    var result = new HashMap<String, Totals>();
    expected.forEach((k, v) -> result.put(k, new Totals(v.units(), v.revenue().setScale(2))));
    return result;
  }

  /** How many audit rows exist for these event ids (each must exist exactly once). */
  static long auditRows(List<UUID> eventIds) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from consumers.audit_log where event_id = any(?)")) {
      s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** How many email-outbox rows for these event ids are marked sent (one per event at most). */
  static long sentOutboxRows(List<UUID> eventIds) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from consumers.email_outbox where event_id = any(?)"
                    + " and status = 'sent'")) {
      s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** How many parked messages (any consumer) belong to these event ids. */
  static long parkedRows(List<UUID> eventIds) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from consumers.parked_messages where event_id = any(?)")) {
      s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * An upper bound of the failed SMTP sends the outbox recorded for these event ids before each was
   * sent. A row waits for its customer's address before any send and never after, so a row whose
   * last error is that wait had no failed send.
   */
  static long failedSendAttempts(List<UUID> eventIds) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select coalesce(sum(attempts - 1), 0) from consumers.email_outbox"
                    + " where event_id = any(?) and status = 'sent'"
                    + " and coalesce(last_error, '') not like 'customer % not known yet'")) {
      s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * The single number a query answers, with its parameters ({@code String[]} as a text array, a
   * {@code UUID} as uuid).
   */
  static long count(String sql, Object... params) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof String[] texts) {
          s.setArray(i + 1, c.createArrayOf("text", texts));
        } else {
          s.setObject(i + 1, params[i]);
        }
      }
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Runs one SQL statement as the application's database user. */
  static void sql(String statement) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
