package dev.keystone.it.hostile;

import jakarta.json.Json;
import java.io.StringReader;

/** What is wrong with an answer to a probe, or null when it is what the rules say. */
final class Verdict {

  /**
   * The answer of Liberty's HTTP channel or web container to a request it could not parse, before
   * any application sees it (docs/security.md#hostile-input-generated-from-the-api-description): a
   * bare 400 without a body for control characters in a header, a header or request line over the
   * channel's limits, or a malformed Content-Length; a 505 for a request line that a CR or LF ends
   * before its HTTP version; the web container's own 400 (CWWWC0005I) for a control character in
   * the path, raw or percent-encoded.
   */
  static final String BEFORE_THE_APPLICATION = "refused before the application";

  private Verdict() {}

  static String of(Probe p, RawHttp.Reply r) {
    int s = r.status();
    if (beforeTheApplication(p, r)) {
      return BEFORE_THE_APPLICATION;
    }
    if (s >= 500) {
      return "5xx";
    }
    if (p.expected() != 0 && s != p.expected()) {
      return "expected " + p.expected();
    }
    if (s < 400) {
      return p.mayPass() ? null : "accepted, expected a refusal";
    }
    if (p.mayPass() && s == 401 && p.expected() != 401) {
      return "admitted role got 401";
    }
    if (p.mayPass() && s == 403 && !p.may403()) {
      return "admitted role got 403";
    }
    return problem(r, s) ? null : "not problem+json";
  }

  private static boolean beforeTheApplication(Probe p, RawHttp.Reply r) {
    boolean framing =
        p.kind().equals("request line")
            || p.kind().startsWith("header ")
            || p.kind().startsWith("path parameter ")
            || p.kind().startsWith("query parameter ");
    if (!framing) {
      return false;
    }
    if (r.status() == RawHttp.CLOSED_MID_REQUEST) {
      return p.kind().startsWith("header "); // closed while an oversized header was being sent
    }
    boolean bare = r.header("Content-Type") == null && r.body().isEmpty();
    if (r.status() == 400 && bare) {
      return true;
    }
    if (r.status() == 505 && bare && p.kind().equals("request line")) {
      return p.label().startsWith("U+000A") || p.label().startsWith("U+000D");
    }
    return r.status() == 400 && r.body().contains("CWWWC0005I");
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
