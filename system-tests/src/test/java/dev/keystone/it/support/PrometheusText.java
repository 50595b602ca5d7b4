package dev.keystone.it.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A strict parser of Prometheus' text exposition format 0.0.4, for reading {@code /metrics} the way
 * Prometheus does: a line it would reject fails the parse with the line's number instead of being
 * skipped. It checks {@code # HELP} and {@code # TYPE} (escapes, one of each per family, TYPE
 * before the family's first sample), metric and label names, label values and their escapes ({@code
 * \\}, {@code \"}, {@code \n}), the value (a float, {@code NaN}, {@code +Inf}, {@code -Inf}) and an
 * optional integer timestamp, that a family's samples are contiguous and that no series appears
 * twice.
 */
public final class PrometheusText {

  /** One sample: its name, its labels (sorted by name) and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** A metric family: its name, TYPE ({@code untyped} when none was given) and HELP. */
  public record Family(String name, String type, String help) {}

  /** A line the format does not allow. */
  public static final class InvalidExposition extends RuntimeException {
    public InvalidExposition(int line, String why, String text) {
      super("line " + line + ": " + why + ": " + text);
    }
  }

  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private final Map<String, Family> families;
  private final List<Sample> samples;

  private PrometheusText(Map<String, Family> families, List<Sample> samples) {
    this.families = families;
    this.samples = samples;
  }

  /** The families, by name, in the order they appeared. */
  public Map<String, Family> families() {
    return families;
  }

  /** Every sample, in the order they appeared. */
  public List<Sample> samples() {
    return samples;
  }

  /** The samples called {@code name} whose labels include every entry of {@code labels}. */
  public List<Sample> samples(String name, Map<String, String> labels) {
    Predicate<Sample> matches =
        s ->
            s.name().equals(name)
                && labels.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())));
    return samples.stream().filter(matches).toList();
  }

  /** The sum of those samples' values; 0 when there is none (a counter not registered yet). */
  public double sum(String name, Map<String, String> labels) {
    return samples(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  /** Parses a whole exposition. */
  public static PrometheusText parse(String text) {
    var families = new LinkedHashMap<String, Family>();
    var samples = new ArrayList<Sample>();
    var finished = new HashSet<String>(); // families whose samples are behind us
    var series = new HashSet<String>();
    var helps = new HashMap<String, String>();
    String current = null;
    var lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      int number = i + 1;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        var parts = line.substring(1).stripLeading().split("[ \t]+", 3);
        boolean help = parts[0].equals("HELP");
        boolean type = parts[0].equals("TYPE");
        if (!help && !type) {
          continue; // a comment
        }
        if (parts.length < 2 || !isMetricName(parts[1])) {
          throw new InvalidExposition(number, "a " + parts[0] + " line needs a metric name", line);
        }
        var name = parts[1];
        if (help) {
          if (helps.containsKey(name)) {
            throw new InvalidExposition(number, "a second HELP for " + name, line);
          }
          helps.put(name, unescape(parts.length > 2 ? parts[2] : "", false, number, line));
        } else {
          if (parts.length < 3 || !TYPES.contains(parts[2].strip())) {
            throw new InvalidExposition(number, "an unknown TYPE", line);
          }
          if (families.containsKey(name)) {
            throw new InvalidExposition(number, "TYPE after " + name + "'s samples or TYPE", line);
          }
          families.put(name, new Family(name, parts[2].strip(), null));
        }
        continue;
      }
      var sample = PrometheusSampleLine.parse(line, number);
      var family = familyOf(sample.name(), families);
      if (!family.equals(current)) {
        if (finished.contains(family)) {
          throw new InvalidExposition(number, "samples of " + family + " are not contiguous", line);
        }
        if (current != null) {
          finished.add(current);
        }
        current = family;
      }
      families.putIfAbsent(family, new Family(family, "untyped", null));
      if (!series.add(sample.name() + sample.labels())) {
        throw new InvalidExposition(number, "a second sample of the same series", line);
      }
      samples.add(sample);
    }
    for (var help : helps.entrySet()) {
      var family = families.get(help.getKey());
      families.put(
          help.getKey(),
          family == null
              ? new Family(help.getKey(), "untyped", help.getValue())
              : new Family(family.name(), family.type(), help.getValue()));
    }
    return new PrometheusText(families, samples);
  }

  /** The family a sample belongs to: its own name, or a histogram's or summary's suffixed part. */
  private static String familyOf(String sample, Map<String, Family> families) {
    for (var suffix : List.of("_bucket", "_sum", "_count")) {
      if (sample.endsWith(suffix)) {
        var base = sample.substring(0, sample.length() - suffix.length());
        var family = families.get(base);
        if (family != null
            && (family.type().equals("histogram")
                || (family.type().equals("summary") && !suffix.equals("_bucket")))) {
          return base;
        }
      }
    }
    return sample;
  }

  static boolean isMetricName(String s) {
    return s.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
  }

  static boolean isLabelName(String s) {
    return s.matches("[a-zA-Z_][a-zA-Z0-9_]*");
  }

  /** HELP text allows {@code \\} and {@code \n}; label values also {@code \"}. */
  static String unescape(String s, boolean labelValue, int number, String line) {
    var out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i + 1 == s.length()) {
        throw new InvalidExposition(number, "a lone backslash", line);
      }
      char next = s.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case '"' -> {
          if (!labelValue) {
            throw new InvalidExposition(number, "\\\" is no escape in HELP", line);
          }
          out.append('"');
        }
        default -> throw new InvalidExposition(number, "an unknown escape \\" + next, line);
      }
    }
    return out.toString();
  }
}
