package dev.keystone.it.hostile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Valid bodies for each operation that takes one, and the edits the generator makes to them at a
 * dotted field name ({@code lines.0.quantity}). A field the document names that a valid body lacks
 * is added by the edit, so a new field is probed even before this table knows it.
 */
final class Bodies {

  private Bodies() {}

  static Map<String, Object> valid(String operation, String role, Generator.Fixture f, long n) {
    long self = role.equals("another customer") ? f.stranger() : f.owner();
    var body = new LinkedHashMap<String, Object>();
    switch (operation) {
      case "POST /api/products" -> {
        body.put("sku", "HOSTILE-" + n);
        body.put("name", "Hostile " + n);
        body.put("price", new BigDecimal("1.50"));
        body.put("currency", "EUR");
        body.put("stock", 5);
        body.put("category", "hostile");
      }
      case "PUT /api/products/{id}" -> {
        body.put("name", "Hostile " + n);
        body.put("price", new BigDecimal("2.50"));
        body.put("currency", "EUR");
        body.put("category", "hostile");
      }
      case "POST /api/products/{id}/stock-adjustments" -> {
        body.put("delta", 1);
        body.put("reason", "hostile " + n);
      }
      case "POST /api/customers" -> {
        body.put("name", "Hostile " + n);
        body.put("email", "hostile-" + n + "-" + System.nanoTime() + "@example.org");
      }
      case "POST /api/orders" -> {
        body.put("customerId", self);
        var line = new LinkedHashMap<String, Object>();
        line.put("productId", f.product());
        line.put("quantity", 1);
        body.put("lines", new ArrayList<>(List.of(line)));
      }
      case "POST /api/ops/outbox/stuck/{eventId}/skip" -> body.put("reason", "hostile " + n);
      default -> {
        // operations without a JSON body of their own get an empty object when the document
        // describes one the table does not know yet
      }
    }
    return body;
  }

  /** The valid document broken in every way a parser must survive, by label. */
  static Map<String, String> broken(String valid) {
    var out = new LinkedHashMap<String, String>();
    out.put("truncated in half", valid.substring(0, valid.length() / 2));
    out.put("last brace missing", valid.substring(0, valid.length() - 1));
    out.put("empty", "");
    out.put("not JSON", "name=x&price=1");
    out.put("an array", "[" + valid + "]");
    out.put("a string", "\"" + "x".repeat(100) + "\"");
    out.put("null", "null");
    out.put("nested 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000));
    out.put("objects nested 2,000 deep", "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000));
    out.put("raw NUL in a string", valid.replaceFirst("\":\"", "\":\"\u0000"));
    out.put("raw newline in a string", valid.replaceFirst("\":\"", "\":\"\n"));
    out.put("trailing garbage", valid + "}{");
    out.put("byte order mark", "\uFEFF" + valid);
    out.put("300 KB", valid.replaceFirst("\\}$", ",\"pad\":\"" + "p".repeat(300_000) + "\"}"));
    return out;
  }

  /** Sets a dotted field to a value, creating missing objects on the way. */
  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> body, String dotted, Object value) {
    var parts = dotted.split("\\.");
    Object node = body;
    for (int i = 0; i < parts.length - 1; i++) {
      node = child(node, parts[i]);
    }
    var last = parts[parts.length - 1];
    if (node instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(last, value);
    } else if (node instanceof List<?> list && !list.isEmpty()) {
      ((List<Object>) list).set(0, value);
    }
  }

  @SuppressWarnings("unchecked")
  static void remove(Map<String, Object> body, String dotted) {
    var parts = dotted.split("\\.");
    Object node = body;
    for (int i = 0; i < parts.length - 1; i++) {
      node = child(node, parts[i]);
    }
    if (node instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).remove(parts[parts.length - 1]);
    }
  }

  /**
   * The body with the top-level name of the field written twice (the second time another value).
   */
  static String duplicate(Map<String, Object> body, String dotted) {
    var top = dotted.split("\\.")[0];
    var json = Json.write(body, false);
    var extra = Json.write(Map.of(top, "duplicate"), false);
    return json.substring(0, json.length() - 1) + (body.isEmpty() ? "" : ",") + extra.substring(1);
  }

  @SuppressWarnings("unchecked")
  private static Object child(Object node, String name) {
    if (node instanceof Map<?, ?> map) {
      var m = (Map<String, Object>) map;
      return m.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }
    if (node instanceof List<?> list) {
      if (list.isEmpty()) {
        ((List<Object>) list).add(new LinkedHashMap<String, Object>());
      }
      return list.get(0);
    }
    return new LinkedHashMap<String, Object>();
  }
}
