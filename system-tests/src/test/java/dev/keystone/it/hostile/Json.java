package dev.keystone.it.hostile;

import java.util.List;
import java.util.Map;

/**
 * A JSON writer for hostile bodies: strings may hold any UTF-16 unit, and are written with every
 * character outside printable ASCII escaped ({@code \u0000}, {@code \uD800}), so that a lone
 * surrogate or a NUL reaches the server as valid JSON text that the parser must decode. {@code raw}
 * instead writes control characters as they are, which makes the document invalid.
 */
final class Json {

  private Json() {}

  static String write(Object value, boolean raw) {
    var out = new StringBuilder();
    write(value, raw, out);
    return out.toString();
  }

  private static void write(Object value, boolean raw, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, raw, out);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (var e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey().toString(), raw, out);
        out.append(':');
        write(e.getValue(), raw, out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), raw, out);
      }
      out.append(']');
    } else {
      out.append(value); // numbers, booleans, HostileValues.RawJson
    }
  }

  private static void string(String s, boolean raw, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (raw && c < 0x20) {
        out.append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append("\\u%04x".formatted((int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
