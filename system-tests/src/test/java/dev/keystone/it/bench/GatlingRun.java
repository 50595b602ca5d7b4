package dev.keystone.it.bench;

import io.gatling.app.Gatling$;
import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.core.config.GatlingConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import scala.Option;

/**
 * Runs one Gatling simulation in this JVM (so it reaches the servers of the test stack) and reads
 * its figures back from Gatling's own results with Gatling's own report reader: the numbers in the
 * table are the numbers in the HTML report. Gatling records response times in milliseconds.
 */
final class GatlingRun {

  /** Where every simulation's results and HTML report go. */
  static final Path RESULTS = Path.of(System.getProperty("bench.dir", "target/bench"), "gatling");

  /** Figures of one named request: Gatling's response times (ms) and counts. */
  record Stat(String name, long ok, long ko, int p50, int p99, int mean) {}

  private final LogFileData data;
  private final Path report;

  private GatlingRun(LogFileData data, Path report) {
    this.data = data;
    this.report = report;
  }

  /**
   * Runs {@code simulation} with {@code settings} as system properties (how the simulation class,
   * instantiated by Gatling, gets its targets).
   */
  static GatlingRun run(Class<?> simulation, String description, Map<String, String> settings) {
    settings.forEach(System::setProperty);
    System.setProperty("gatling.data.enableAnalytics", "false"); // offline machine
    System.setProperty("gatling.data.console.light", "true");
    try {
      Files.createDirectories(RESULTS);
      Set<Path> before = runs();
      int status =
          Gatling$.MODULE$.fromArgs(
              new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", RESULTS.toAbsolutePath().toString(),
                "--run-description", description
              });
      var created = new HashSet<>(runs());
      created.removeAll(before);
      if (status != 0 || created.size() != 1) {
        throw new IllegalStateException(
            "Gatling run of " + simulation.getSimpleName() + " ended " + status + ", " + created);
      }
      var dir = created.iterator().next();
      var reader =
          LogFileReader.apply(
              dir.getFileName().toString(), RESULTS.toAbsolutePath(), GatlingConfiguration.load());
      return new GatlingRun(reader.read(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<Path> runs() throws IOException {
    try (var dirs = Files.list(RESULTS)) {
      return dirs.filter(Files::isDirectory).collect(Collectors.toSet());
    }
  }

  /** The report folder of this run (its index.html is Gatling's report). */
  Path report() {
    return report;
  }

  /** Figures of every request named {@code name}, over all of this run's rounds. */
  Stat stat(String name) {
    var all = general(name, Option.empty());
    var ok = general(name, Option.apply(io.gatling.commons.stats.OK$.MODULE$));
    long okCount = ok == null ? 0 : ok.count();
    long total = all == null ? 0 : all.count();
    return new Stat(
        name,
        okCount,
        total - okCount,
        ok == null ? -1 : pct(ok, 50),
        ok == null ? -1 : pct(ok, 99),
        ok == null ? -1 : ok.mean());
  }

  private GeneralStats general(String name, Option<io.gatling.commons.stats.Status> status) {
    Option<GeneralStats> stats =
        data.requestGeneralStats(Option.apply(name), Option.empty(), status);
    return stats.isDefined() ? stats.get() : null;
  }

  private static int pct(GeneralStats stats, double p) {
    return ((Number) stats.percentile().apply(p)).intValue();
  }
}
