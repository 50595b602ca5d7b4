package dev.keystone.it.hostile;

import jakarta.json.Json;
import java.io.StringReader;

/** What is wrong with an answer to a probe, or null when it is what the rules say. */
final class Verdict {

  private Verdict() {}

  static String of(Probe p, RawHttp.Reply r) {
    int s = r.status();
    if (s >= 500) {
      return "5xx";
    }
    if (p.expected() != 0 && s != p.expected()) {
      return "expected " + p.expected();
    }
    if (s < 400) {
      return p.mayPass() ? null : "accepted, expected a refusal";
    }
    if (s == 401 && p.expected() != 401) {
      return "admitted role got 401";
    }
    if (s == 403 && p.expected() != 403 && !p.may403()) {
      return "admitted role got 403";
    }
    return problem(r, s) ? null : "not problem+json";
  }

  /** application/problem+json with a type, a title and the answer's own status. */
  static boolean problem(RawHttp.Reply r, int status) {
    var type = r.header("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      return false;
    }
    try (var reader = Json.createReader(new StringReader(r.body()))) {
      var json = reader.readObject();
      return json.containsKey("type")
          && json.containsKey("title")
          && json.containsKey("status")
          && json.getInt("status") == status;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
