package dev.keystone.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code target/bench/index.html}: the table, a bar plot of the ratios against their targets as
 * inline SVG (no script, no CDN: the machine is offline), and links to Gatling's own reports.
 */
final class SummaryPage {

  private SummaryPage() {}

  static Path write(Path dir, Table table, List<Path> reports) throws IOException {
    var html = new StringBuilder();
    html.append(
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Keystone benchmarks</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,td:last-child,
        th:first-child,th:last-child{text-align:left}tr.section td{background:#eef;font-weight:bold}</style>
        </head><body><h1>Keystone benchmarks</h1>
        """);
    html.append("<h2>Ratios against targets</h2>").append(svg(table.ratios));
    html.append("<h2>Figures</h2><table><tr><th>figure</th><th>per s</th><th>p50 ms</th>")
        .append("<th>p99 ms</th><th>how / note</th></tr>");
    for (var r : table.rows) {
      var section = r.figure().startsWith("[");
      html.append(section ? "<tr class=\"section\">" : "<tr>");
      for (var cell : List.of(r.figure(), r.rate(), r.p50(), r.p99(), r.note())) {
        html.append("<td>").append(escape(cell)).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table><ul>");
    table.notes.forEach(n -> html.append("<li>").append(escape(n)).append("</li>"));
    html.append("</ul><h2>Gatling reports</h2><ul>");
    for (var report : reports) {
      var link = dir.toAbsolutePath().relativize(report.toAbsolutePath()) + "/index.html";
      html.append("<li><a href=\"")
          .append(escape(link))
          .append("\">")
          .append(escape(report.getFileName().toString()))
          .append("</a></li>");
    }
    html.append("</ul><pre>").append(escape(table.text())).append("</pre></body></html>\n");
    Files.createDirectories(dir);
    var page = dir.resolve("index.html");
    Files.writeString(page, html);
    Files.writeString(dir.resolve("figures.txt"), table.text());
    return page;
  }

  /** Horizontal bars: the ratio's length, a vertical mark at its target; green when met. */
  private static String svg(List<Table.Ratio> ratios) {
    double max = 0.5;
    for (var r : ratios) {
      max = Math.max(max, Math.max(finite(r.value()), r.target()) * 1.1);
    }
    int width = 960;
    int label = 300;
    int bar = 22;
    double scale = (width - label - 220) / max;
    var svg = new StringBuilder();
    svg.append(
        String.format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">",
            width, ratios.size() * (bar + 8) + 10));
    int y = 5;
    for (var r : ratios) {
      double v = finite(r.value());
      svg.append(
          String.format(
              "<text x=\"0\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                  + " fill=\"%s\"/><line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"black\""
                  + " stroke-width=\"2\"/><text x=\"%.1f\" y=\"%d\">%s (target %s%s)</text>",
              y + 15,
              escape(r.name()),
              label,
              y,
              v * scale,
              bar,
              r.met() ? "#5a5" : "#d55",
              label + r.target() * scale,
              label + r.target() * scale,
              y - 2,
              y + bar + 2,
              label + v * scale + 4,
              y + 15,
              Table.num(r.value(), "%.2f"),
              r.atLeast() ? "≥" : "≤",
              Table.num(r.target(), "%.2f")));
      y += bar + 8;
    }
    return svg.append("</svg>").toString();
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
