package dev.keystone.it.consumers;

import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What analytics and audit must hold, folded here from the whole topics read by a plain consumer:
 * an observer independent of the consumers' code, written from the published contract
 * (docs/asyncapi.yaml, docs/events.md) and the consumers' documented rules (docs/consumers.md). An
 * event is read once per id, only in schema version 1; a value that is not a readable envelope, or
 * whose payload the consumer cannot book, is dead-lettered and parks its key, so the key's later
 * records do not count; analytics keeps only the newest version of an order.
 */
final class LogFold {

  private static final Duration READ = Duration.ofSeconds(60);

  private LogFold() {}

  /** An envelope's attributes, or null when the value is no readable envelope. */
  private record Envelope(
      String id, String type, int schema, String subject, long version, JsonObject json) {

    static Envelope of(String value) {
      try (var reader = Json.createReader(new StringReader(value))) {
        var e = reader.readObject();
        var type = e.getString("type");
        if (!type.startsWith("dev.keystone.") || type.indexOf('.', 13) < 0) {
          return null;
        }
        java.util.UUID.fromString(e.getString("id"));
        if (e.containsKey("data") && !(e.get("data") instanceof JsonObject)) {
          return null; // the kit reads data as an object or nothing
        }
        Instant.parse(e.getString("time"));
        var schema = e.getString("dataschema", null);
        int version = 1;
        if (schema != null) {
          var prefix = "urn:keystone:schema:" + type + ":v";
          if (!schema.startsWith(prefix)
              || Integer.parseInt(schema.substring(prefix.length())) < 1) {
            return null;
          }
          version = Integer.parseInt(schema.substring(prefix.length()));
        }
        return new Envelope(
            java.util.UUID.fromString(e.getString("id")).toString(),
            type,
            version,
            e.getString("subject"),
            e.getJsonNumber("aggregateversion").longValueExact(),
            e);
      } catch (RuntimeException e) {
        return null;
      }
    }

    String aggregateType() {
      return type.substring(13, type.indexOf('.', 13));
    }
  }

  /** Analytics' two tables as {@link ProjectionRows} gives them: daily sales, then orders. */
  static List<List<String>> analytics() {
    var sales = new TreeMap<String, Object[]>(); // day product currency → sku, units, revenue
    var orders = new TreeMap<String, Object[]>(); // order → day, currency, cancelled, lines
    var versions = new HashMap<String, Long>();
    var seen = new HashSet<String>();
    var parked = new HashSet<String>();
    for (var r : Topics.readToEnd("keystone.order", READ)) {
      var e = readable(r, seen, parked);
      if (e == null || !e.type().matches("dev\\.keystone\\.order\\.(placed|cancelled)")) {
        continue;
      }
      if (versions.getOrDefault(e.subject(), Long.MIN_VALUE) >= e.version()) {
        continue;
      }
      var data = e.json().getJsonObject("data");
      if (e.type().endsWith("placed")) {
        try {
          var day = LocalDate.ofInstant(Instant.parse(data.getString("placedAt")), ZoneOffset.UTC);
          var currency = data.getString("currency");
          var lines = data.getJsonArray("lines");
          book(sales, day.toString(), currency, lines, 1);
          orders.putIfAbsent(e.subject(), new Object[] {day, currency, false, lines});
        } catch (RuntimeException poison) {
          parked.add(key(r)); // every attempt fails alike: dead-lettered, key parked
          continue;
        }
      } else {
        var order = orders.get(e.subject());
        if (order != null && !(Boolean) order[2]) {
          book(
              sales, order[0].toString(), (String) order[1], (jakarta.json.JsonArray) order[3], -1);
          order[2] = true;
        }
      }
      versions.put(e.subject(), e.version());
    }
    var salesRows = new ArrayList<String>();
    sales.forEach(
        (k, v) -> {
          var p = k.split(" ");
          salesRows.add(
              String.join(
                  " ",
                  p[0],
                  p[1],
                  (String) v[0],
                  p[2],
                  v[1].toString(),
                  ((BigDecimal) v[2]).setScale(2).toPlainString()));
        });
    var orderRows = new ArrayList<String>();
    orders.forEach(
        (id, o) ->
            orderRows.add(
                id
                    + " "
                    + o[0]
                    + " "
                    + o[1]
                    + " "
                    + o[2]
                    + " "
                    + ProjectionRows.json(o[3].toString())));
    salesRows.sort(null);
    orderRows.sort(null);
    return List.of(salesRows, orderRows);
  }

  /** The audit log as {@link ProjectionRows#audit()} gives it: every readable event once. */
  static List<String> audit() {
    var rows = new ArrayList<String>();
    var seen = new HashSet<String>();
    var parked = new HashSet<String>(); // the audit consumer parks per record key, on any topic
    for (var topic : List.of("keystone.product", "keystone.customer", "keystone.order")) {
      for (var r : Topics.readToEnd(topic, READ)) {
        var e = readable(r, seen, parked);
        if (e != null) {
          var data = e.json().get("data");
          rows.add(
              String.join(
                  " ",
                  e.id(),
                  e.type(),
                  e.aggregateType(),
                  e.subject(),
                  Long.toString(e.version()),
                  ProjectionRows.json(data == null ? null : data.toString())));
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  /**
   * The record's envelope if the consumer applies it: not behind a parked key, a readable envelope
   * (else its key parks), seen for the first time, in schema version 1.
   */
  private static Envelope readable(
      ConsumerRecord<String, String> r, Set<String> seen, Set<String> parked) {
    if (parked.contains(key(r))) {
      return null;
    }
    var e = r.value() == null ? null : Envelope.of(r.value());
    if (e == null) {
      parked.add(key(r));
      return null;
    }
    return seen.add(e.id()) && e.schema() == 1 ? e : null;
  }

  private static String key(ConsumerRecord<String, String> r) {
    return r.key() == null ? "" : r.key();
  }

  private static void book(
      Map<String, Object[]> sales,
      String day,
      String currency,
      jakarta.json.JsonArray lines,
      int sign) {
    var booked = new LinkedHashMap<String, Object[]>();
    for (var v : lines) {
      var line = v.asJsonObject();
      long product = line.getJsonNumber("productId").longValueExact();
      var sku = line.getString("sku");
      long units = (long) sign * line.getInt("quantity");
      var revenue =
          line.getJsonNumber("unitPrice").bigDecimalValue().multiply(BigDecimal.valueOf(units));
      booked.put(
          day + " " + product + " " + currency + " " + booked.size(),
          new Object[] {sku, units, revenue});
    }
    for (var b : booked.entrySet()) {
      var k = b.getKey().substring(0, b.getKey().lastIndexOf(' '));
      var v = b.getValue();
      sales.merge(
          k,
          v,
          (old, add) ->
              new Object[] {
                old[0],
                (Long) old[1] + (Long) add[1],
                ((BigDecimal) old[2]).add((BigDecimal) add[2])
              });
    }
  }
}
