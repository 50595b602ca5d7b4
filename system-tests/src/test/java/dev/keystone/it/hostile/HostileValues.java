package dev.keystone.it.hostile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hostile values, by kind: text a database or a terminal cannot take, numbers at and beyond
 * each type's limits, values of the wrong JSON type. Each value has a short label for the report.
 */
final class HostileValues {

  /** A value and its label; {@code json} is the value as a JSON fragment, for body fields. */
  record Value(String kind, String label, Object value) {}

  private HostileValues() {}

  /** Every C0 control character (NUL included), DEL and every C1 control, at three positions. */
  static List<Value> controlCharacters() {
    var values = new ArrayList<Value>();
    for (int c = 0; c <= 0x9f; c++) {
      if (c >= 0x20 && c < 0x7f) {
        continue;
      }
      var hex = "U+%04X".formatted(c);
      char ch = (char) c;
      values.add(new Value("control", hex + " alone", String.valueOf(ch)));
      values.add(new Value("control", hex + " inside", "ab" + ch + "cd"));
      values.add(new Value("control", hex + " at end", "abcd" + ch));
    }
    return values;
  }

  /** Unpaired surrogates, bidirectional controls, right-to-left marks, very long text. */
  static List<Value> strangeText() {
    var values = new ArrayList<Value>();
    values.add(new Value("surrogate", "lone high surrogate", "a\uD800b"));
    values.add(new Value("surrogate", "lone low surrogate", "a\uDC00b"));
    values.add(new Value("surrogate", "reversed pair", "\uDC00\uD800"));
    values.add(new Value("surrogate", "high at end", "abc\uDBFF"));
    values.add(new Value("bidi", "right-to-left override", "abc\u202Eevil"));
    values.add(new Value("bidi", "right-to-left isolate", "abc\u2067x\u2069"));
    values.add(new Value("rtl", "right-to-left mark", "\u200Fabc"));
    values.add(new Value("rtl", "Hebrew with marks", "\u05E9\u05DC\u05D5\u05DD\u200F"));
    values.add(new Value("rtl", "Arabic", "\u0645\u0631\u062D\u0628\u0627"));
    values.add(new Value("noncharacter", "U+FFFF", "a\uFFFFb"));
    values.add(new Value("noncharacter", "U+FFFE", "\uFFFEab"));
    values.add(new Value("zero-width", "zero-width joiner", "a\u200Db"));
    values.add(new Value("emoji", "emoji", "\uD83D\uDE00 ok"));
    values.add(new Value("length", "empty", ""));
    values.add(new Value("length", "blank", "   "));
    values.add(new Value("length", "64 KB", "x".repeat(64 * 1024)));
    values.add(new Value("length", "64 KB of 3-byte characters", "\u20AC".repeat(22 * 1024)));
    values.add(new Value("length", "257 characters", "y".repeat(257)));
    values.add(new Value("injection", "SQL quote", "x' or '1'='1"));
    values.add(new Value("injection", "percent and backslash", "%00\\u0000%s%n"));
    values.add(new Value("injection", "markup", "<script>alert(1)</script>"));
    return values;
  }

  /** Numbers at and beyond the limits of int32, int64, IEEE doubles and decimals. */
  static List<Value> numbers() {
    var values = new ArrayList<Value>();
    var big = new LinkedHashMap<String, String>();
    big.put("zero", "0");
    big.put("minus one", "-1");
    big.put("negative zero", "-0");
    big.put("int32 max", "2147483647");
    big.put("int32 max + 1", "2147483648");
    big.put("int32 min", "-2147483648");
    big.put("int32 min - 1", "-2147483649");
    big.put("int64 max", Long.toString(Long.MAX_VALUE));
    big.put("int64 max + 1", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).toString());
    big.put(
        "int64 min - 1", BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE).toString());
    big.put("40 digits", "9".repeat(40));
    big.put("fraction", "1.5");
    big.put("many decimals", "0." + "1".repeat(40));
    big.put("exponent", "1e3");
    big.put("huge exponent", "1e400");
    big.put("tiny exponent", "1e-400");
    big.put("double max", "1.7976931348623157e308");
    big.put("beyond double", "1.8e308");
    for (Map.Entry<String, String> e : big.entrySet()) {
      values.add(new Value("number", e.getKey(), new RawJson(e.getValue())));
    }
    return values;
  }

  /** Values of the wrong JSON type, for any field. */
  static List<Value> wrongTypes() {
    return List.of(
        new Value("type", "null", RawJson.NULL),
        new Value("type", "true", Boolean.TRUE),
        new Value("type", "string", "a string"),
        new Value("type", "numeric string", "12"),
        new Value("type", "number", new RawJson("12")),
        new Value("type", "array", List.of("a", 1)),
        new Value("type", "object", Map.of("nested", "x")),
        new Value("type", "NaN text", new RawJson("NaN")));
  }

  /** Path or query values: every string above, plus the spellings a number can take in a URL. */
  static List<Value> parameterValues() {
    var values = new ArrayList<Value>();
    values.addAll(controlCharacters());
    values.addAll(strangeText());
    for (var n : numbers()) {
      values.add(new Value(n.kind(), n.label(), n.value().toString()));
    }
    for (var s : List.of("+1", " 1", "1 ", "0x10", "007", "1_000", "\uFF11", "..", "%", "%2F")) {
      values.add(new Value("spelling", "spelled " + s.strip(), s));
    }
    return values;
  }

  /** Content types a JSON operation must refuse (null: no Content-Type header at all). */
  static java.util.List<String> contentTypes() {
    var types = new java.util.ArrayList<String>();
    types.add(null);
    types.addAll(
        List.of(
            "text/plain",
            "application/xml",
            "application/json; charset=ISO-8859-1",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            ";;;",
            "application/json\u0000"));
    return types;
  }

  /** A JSON fragment written as it is (a number beyond every type, {@code NaN}, {@code null}). */
  record RawJson(String text) {
    static final RawJson NULL = new RawJson("null");

    @Override
    public String toString() {
      return text;
    }
  }
}
