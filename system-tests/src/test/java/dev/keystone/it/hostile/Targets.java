package dev.keystone.it.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request targets for an operation: its path template filled with the fixture's ids (the product,
 * the owner's customer record and order, a consumer and a key, an unknown outbox event id), and its
 * query, one of them optionally replaced by an already percent-encoded hostile value.
 */
final class Targets {

  private Targets() {}

  static String path(String template, Generator.Fixture f, String parameter, String encoded) {
    var id = Long.toString(idFor(template, f));
    // an outbox event id that names no row: the stuck-row tools answer 404, change nothing
    var concrete =
        Map.of(
            "id", id,
            "consumer", "analytics",
            "key", "hostile-key",
            "seq", "1",
            "eventId", "0193a1b2-0000-7000-8000-00000000dead");
    var path = template;
    for (var e : concrete.entrySet()) {
      var replacement = e.getKey().equals(parameter) ? encoded : e.getValue();
      path = path.replace("{" + e.getKey() + "}", replacement);
    }
    return path;
  }

  static String query(String template, Generator.Fixture f, String parameter, String encoded) {
    var params = new LinkedHashMap<String, String>();
    if (template.equals("/consumers/audit")) {
      params.put("aggregateId", Long.toString(f.product())); // required
    }
    if (parameter != null) {
      params.put(parameter, encoded);
    }
    var out = new StringBuilder();
    params.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
    return out.toString();
  }

  private static long idFor(String template, Generator.Fixture f) {
    if (template.startsWith("/api/customers")) {
      return f.owner();
    }
    return template.startsWith("/api/orders") ? f.order() : f.product();
  }
}
