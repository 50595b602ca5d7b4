package dev.keystone.it.hostile;

import java.util.List;

/**
 * One generated request and what its answer may be. Every probe is sent over a plain socket exactly
 * as written ({@link RawHttp}): control characters in the request line or a header, or a {@code
 * Content-Length} that lies, which an HTTP client library would refuse to send.
 *
 * @param operation the operation's key ({@code POST /api/orders})
 * @param role who calls: {@code anonymous}, {@code customer}, {@code another customer}, {@code
 *     admin}
 * @param kind what is hostile about it ({@code body field}, {@code header}, {@code role}, …)
 * @param label the exact value, for a failure message
 * @param method the HTTP method
 * @param target the request target: path and query, already percent-encoded (or raw, see {@code
 *     raw})
 * @param headers name and value pairs, in order
 * @param body the body, or null
 * @param raw sent over a plain socket exactly as written: control characters in the request line or
 *     a header, or a {@code Content-Length} that lies, which an HTTP client library refuses
 * @param expected the exact status the role must get (401, 403), or 0 for "any refusal or success
 *     as the rules of the operation say"
 * @param mayPass whether a 2xx is a legitimate answer (an admitted role with a value that is
 *     hostile but valid)
 * @param may403 whether a 403 is legitimate (a customer naming someone else's id)
 */
record Probe(
    String operation,
    String role,
    String kind,
    String label,
    String method,
    String target,
    List<String[]> headers,
    String body,
    int expected,
    boolean mayPass,
    boolean may403) {

  /** The header's value, or null. */
  String header(String name) {
    for (var h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        return h[1];
      }
    }
    return null;
  }

  @Override
  public String toString() {
    var shown = label.length() > 60 ? label.substring(0, 60) + "…" : label;
    return operation + " as " + role + " [" + kind + ": " + shown + "]";
  }
}
