package dev.keystone.it.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table of a bench run: figure rows (throughput, p50, p99, where they were measured and
 * how) and the ratios the issues set targets for.
 */
final class Table {

  /** One figure; empty strings where a column does not apply. */
  record Row(String figure, String rate, String p50, String p99, String note) {}

  /** A ratio and its target ({@code atLeast}: the ratio should be ≥ target, else ≤). */
  record Ratio(String name, double value, double target, boolean atLeast) {
    boolean met() {
      return atLeast ? value >= target : value <= target;
    }
  }

  final List<Row> rows = new ArrayList<>();
  final List<Ratio> ratios = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  void section(String title) {
    rows.add(new Row("[" + title + "]", "", "", "", ""));
  }

  void row(String figure, String rate, String p50, String p99, String note) {
    rows.add(new Row(figure, rate, p50, p99, note));
  }

  void ratio(String name, double value, double target, boolean atLeast) {
    ratios.add(new Ratio(name, value, target, atLeast));
  }

  static String num(double value, String format) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(format, value);
  }

  /** The table as printed to the console and written to {@code figures.txt}. */
  String text() {
    var out = new StringBuilder();
    var format = "%-44s %10s %9s %9s  %s%n";
    out.append(String.format(format, "figure", "per s", "p50 ms", "p99 ms", "how / note"));
    rows.forEach(
        r -> out.append(String.format(format, r.figure(), r.rate(), r.p50(), r.p99(), r.note())));
    out.append(String.format("%n%-44s %10s %9s  %s%n", "ratio", "measured", "target", "met"));
    ratios.forEach(
        r ->
            out.append(
                String.format(
                    "%-44s %10s %9s  %s%n",
                    r.name(),
                    num(r.value(), "%.2f"),
                    (r.atLeast() ? ">= " : "<= ") + num(r.target(), "%.2f"),
                    r.met() ? "yes" : "NO")));
    notes.forEach(n -> out.append("* ").append(n).append('\n'));
    return out.toString();
  }
}
