package dev.keystone.it.support;

import dev.keystone.it.support.PrometheusText.InvalidExposition;
import dev.keystone.it.support.PrometheusText.Sample;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * One sample line of the text exposition format 0.0.4, read left to right: {@code name}, optional
 * {@code {label="value",…}} (a trailing comma allowed, as Prometheus allows it), a blank, the
 * value, an optional timestamp. Part of {@link PrometheusText}.
 */
final class PrometheusSampleLine {
  private final String line;
  private final int number;
  private int at;

  private PrometheusSampleLine(String line, int number) {
    this.line = line;
    this.number = number;
  }

  static Sample parse(String line, int number) {
    return new PrometheusSampleLine(line, number).sample();
  }

  private Sample sample() {
    var name = token(c -> c != '{' && c != ' ' && c != '\t');
    if (!PrometheusText.isMetricName(name)) {
      throw invalid("not a metric name");
    }
    var labels = new TreeMap<String, String>();
    if (at < line.length() && line.charAt(at) == '{') {
      at++;
      while (true) {
        blanks();
        if (peek() == '}') {
          at++;
          break;
        }
        var label = token(c -> c != '=' && c != ' ' && c != '\t');
        if (!PrometheusText.isLabelName(label)) {
          throw invalid("not a label name");
        }
        blanks();
        expect('=');
        blanks();
        expect('"');
        var value = quoted();
        if (labels.put(label, value) != null) {
          throw invalid("label " + label + " twice");
        }
        blanks();
        if (peek() == ',') {
          at++;
        } else if (peek() != '}') {
          throw invalid("expected , or }");
        }
      }
    }
    if (at >= line.length() || (line.charAt(at) != ' ' && line.charAt(at) != '\t')) {
      throw invalid("expected a blank before the value");
    }
    blanks();
    var value = value(token(c -> c != ' ' && c != '\t'));
    blanks();
    if (at < line.length()) {
      var timestamp = token(c -> c != ' ' && c != '\t');
      if (!timestamp.matches("-?[0-9]+")) {
        throw invalid("not a timestamp");
      }
      blanks();
      if (at < line.length()) {
        throw invalid("something after the timestamp");
      }
    }
    return new Sample(name, Map.copyOf(labels), value);
  }

  private String quoted() {
    int start = at;
    while (at < line.length()) {
      char c = line.charAt(at);
      if (c == '\\') {
        at += 2;
      } else if (c == '"') {
        var raw = line.substring(start, at++);
        return PrometheusText.unescape(raw, true, number, line);
      } else {
        at++;
      }
    }
    throw invalid("an unterminated label value");
  }

  private double value(String text) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
          throw invalid("not a value: " + text);
        }
        return Double.parseDouble(text);
    }
  }

  private String token(IntPredicate allowed) {
    int start = at;
    while (at < line.length() && allowed.test(line.charAt(at))) {
      at++;
    }
    if (start == at) {
      throw invalid("expected a token at column " + (at + 1));
    }
    return line.substring(start, at);
  }

  private void blanks() {
    while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
      at++;
    }
  }

  private char peek() {
    if (at >= line.length()) {
      throw invalid("the line ends inside the labels");
    }
    return line.charAt(at);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw invalid("expected " + c + " at column " + (at + 1));
    }
    at++;
  }

  private InvalidExposition invalid(String why) {
    return new InvalidExposition(number, why, line);
  }
}
