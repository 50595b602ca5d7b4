package dev.keystone.it.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated corpus of malformed or hostile requests. Every request is invalid by construction (at
 * least one field breaks a rule, or the body is not the expected JSON at all), so the only correct
 * answers are 4xx problem documents and an unchanged database.
 */
final class HostileCorpus {

  /** One request: path, content type and body, with a label for failure messages. */
  record Request(String label, String path, String contentType, String body) {}

  static final List<String> HOSTILE_STRINGS =
      List.of(
          "",
          " ",
          "'; drop table products; --",
          "\" or 1=1 --",
          "<script>alert(1)</script>",
          "${jndi:ldap://x/y}",
          "#{7*7}",
          "../../etc/passwd",
          "\u0000",
          "\u202e\u0041\u0042",
          "\ud83d\ude00".repeat(300),
          "\uFEFF",
          "a".repeat(70_000),
          "\\u0000",
          "%00%0d%0a",
          "\r\nX-Injected: yes",
          "NaN",
          "Infinity",
          "１２３",
          "null");

  static final List<String> HOSTILE_NUMBERS =
      List.of(
          "-1",
          "-0.0001",
          "1e309",
          "-1e309",
          "99999999999999999999999999999999999999",
          "1e-400",
          "0x10",
          "01",
          "1.",
          ".5",
          "+1",
          "NaN",
          "true",
          "[]",
          "{}",
          "\"12\"",
          "2147483648",
          "-2147483649",
          "1000000001",
          "12.345678901");

  private static final String BAD_CURRENCY = "\"eur\"";

  private HostileCorpus() {}

  static List<Request> products() {
    var requests = new ArrayList<Request>();
    // Each hostile value sits in one field; a companion field is always invalid too (a lower-case
    // currency, or a negative stock where the currency is the hostile field), because some hostile
    // values are legal text or coercible numbers and the corpus must never create a row.
    for (var s : HOSTILE_STRINGS) {
      var q = quote(s);
      requests.add(product("sku=" + label(s), q, "\"n\"", "1", BAD_CURRENCY, "1"));
      requests.add(product("currency=" + label(s), "\"OK-1\"", "\"n\"", "1", q, "-1"));
      requests.add(product("name=" + label(s), "\"OK-2\"", q, "1", BAD_CURRENCY, "1"));
      requests.add(product("price=" + label(s), "\"OK-3\"", "\"n\"", q, BAD_CURRENCY, "1"));
      requests.add(product("stock=" + label(s), "\"OK-4\"", "\"n\"", "1", BAD_CURRENCY, q));
    }
    for (var n : HOSTILE_NUMBERS) {
      requests.add(product("price=" + n, "\"OK-6\"", "\"n\"", n, BAD_CURRENCY, "1"));
      requests.add(product("stock=" + n, "\"OK-7\"", "\"n\"", "1", BAD_CURRENCY, n));
      requests.add(product("sku=" + n, n, "\"n\"", "1", BAD_CURRENCY, "1"));
      requests.add(product("name=" + n, "\"OK-8\"", n, "1", BAD_CURRENCY, "1"));
      requests.add(product("currency=" + n, "\"OK-9\"", "\"n\"", "1", n, "-1"));
    }
    for (int depth : new int[] {10, 100, 1_000, 10_000, 100_000}) {
      var nested = "[".repeat(depth) + "]".repeat(depth);
      requests.add(json("nested arrays " + depth, nested));
      requests.add(product("nested sku " + depth, nested, "\"n\"", "1", BAD_CURRENCY, "1"));
      requests.add(
          json("nested objects " + depth, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
    }
    for (var body : malformedBodies()) {
      requests.add(json("malformed " + label(body), body));
    }
    for (var type : badContentTypes()) {
      requests.add(
          new Request("content-type " + type, "/api/products", type, validishBodyMissingStock()));
    }
    return requests;
  }

  private static List<String> malformedBodies() {
    var bodies = new ArrayList<String>();
    var base =
        "{\"sku\":\"M-1\",\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1,\"category\":\"c\"}";
    for (int cut = 0; cut < base.length(); cut += 2) {
      bodies.add(base.substring(0, cut)); // every truncation is malformed (or empty)
    }
    bodies.addAll(
        List.of(
            "null",
            "true",
            "1",
            "\"text\"",
            "[]",
            "[{}]",
            "{}",
            "{\"sku\":\"M-1\",\"sku\":\"M-2\"}",
            "{'sku':'M-1'}",
            "{\"sku\":\"M-1\",}",
            "\uFEFF{\"sku\":\"M-1\"}",
            "{\"sku\":\"M-1\",\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1,\"x\":1}",
            "{\"sku\":\"M-1\",\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1,\"id\":7}",
            "{\"sku\":\"M-1\",\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1,\"version\":9}",
            "{\"sku\":[\"M-1\"],\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}",
            "{\"sku\":{\"$ne\":1},\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}",
            "\u0000",
            "{\"a\":\"" + "x".repeat(2_000_000) + "\""));
    return bodies;
  }

  private static List<String> badContentTypes() {
    return List.of(
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=ebcdic",
        "application/json; charset=",
        "application/jsonx",
        "*/*",
        "application",
        ";;;");
  }

  private static String validishBodyMissingStock() {
    return "{\"sku\":\"CT-1\",\"name\":\"n\",\"price\":1,\"currency\":\"EUR\"}";
  }

  private static Request product(
      String label, String sku, String name, String price, String currency, String stock) {
    return json(
        label,
        "{\"sku\":%s,\"name\":%s,\"price\":%s,\"currency\":%s,\"stock\":%s}"
            .formatted(sku, name, price, currency, stock));
  }

  private static Request json(String label, String body) {
    return new Request(label, "/api/products", "application/json", body);
  }

  private static String quote(String s) {
    var out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u%04x".formatted((int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String label(String s) {
    var shown = s.length() > 24 ? s.substring(0, 24) + "…(" + s.length() + ")" : s;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
