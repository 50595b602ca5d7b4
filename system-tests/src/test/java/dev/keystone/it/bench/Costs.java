package dev.keystone.it.bench;

import dev.keystone.devstack.LibertyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed-loop runs of one target at a time, with the serving JVM's CPU read around each: what one
 * request costs its server (CPU per request does not depend on what else the shared machine runs,
 * unlike a rate). Targets take turns round by round, so a change in the machine's load hits them
 * all alike.
 */
final class Costs {

  /** One target: where it is served, what is sent, and how it is labelled. */
  record Target(
      String key, String label, LibertyServer node, String url, Map<String, String> body) {

    static Target get(String key, String label, LibertyServer node, String url) {
      return new Target(key, label, node, url, Map.of("bench.body", "get"));
    }
  }

  /** A target's measured rounds added up. */
  record Figures(
      Target target,
      long ok,
      long ko,
      double seconds,
      double cpu,
      List<Integer> p50s,
      List<Integer> p99s,
      List<Long> rates) {

    double rate() {
      return ok / seconds;
    }

    /** Microseconds of the serving JVM's CPU (every thread) per answered request. */
    double cpuMicros() {
      return cpu * 1e6 / ok;
    }

    int p50() {
      return p50s.stream().sorted().toList().get(p50s.size() / 2);
    }

    int p99() {
      return p99s.stream().mapToInt(Integer::intValue).max().orElse(-1);
    }
  }

  private final List<Path> reports;
  private final int users;

  Costs(List<Path> reports, int users) {
    this.reports = reports;
    this.users = users;
  }

  /**
   * A warm-up run of {@code warmup} seconds per target, then {@code rounds} measured rounds of
   * {@code seconds} each, the targets in turn within each round.
   */
  Map<String, Figures> measure(List<Target> targets, int warmup, int rounds, int seconds) {
    for (var target : targets) {
      run(target, "warm-up " + target.key(), warmup);
    }
    var ok = new HashMap<String, Long>();
    var ko = new HashMap<String, Long>();
    var cpu = new HashMap<String, Double>();
    var p50s = new HashMap<String, List<Integer>>();
    var p99s = new HashMap<String, List<Integer>>();
    var rates = new HashMap<String, List<Long>>();
    for (int round = 1; round <= rounds; round++) {
      for (var target : targets) {
        double before = BenchNodes.cpuSeconds(target.node());
        var stat = run(target, target.key(), seconds);
        cpu.merge(target.key(), BenchNodes.cpuSeconds(target.node()) - before, Double::sum);
        ok.merge(target.key(), stat.ok(), Long::sum);
        ko.merge(target.key(), stat.ko(), Long::sum);
        p50s.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(stat.p50());
        p99s.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(stat.p99());
        rates.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(stat.ok() / seconds);
      }
    }
    var figures = new java.util.LinkedHashMap<String, Figures>();
    for (var target : targets) {
      var key = target.key();
      figures.put(
          key,
          new Figures(
              target,
              ok.get(key),
              ko.get(key),
              rounds * (double) seconds,
              cpu.get(key),
              p50s.get(key),
              p99s.get(key),
              rates.get(key)));
    }
    return figures;
  }

  /** One unmeasured run of {@code seconds} with a JFR recording of the target's JVM around it. */
  StageProfile profile(Target target, int seconds, Path file) {
    var recording = StageProfile.start(target.node(), file);
    run(target, "profile " + target.key(), seconds);
    return recording.stop();
  }

  GatlingRun.Stat run(Target target, String name, int seconds) {
    var settings = new HashMap<>(target.body());
    settings.put("bench.name", name);
    settings.put("bench.url", target.url());
    settings.put("bench.users", "" + users);
    settings.put("bench.seconds", "" + seconds);
    var run = GatlingRun.run(LoopSimulation.class, name, KeystoneBench.settings(settings));
    if (!name.startsWith("warm-up") && !name.startsWith("profile")) {
      reports.add(run.report());
    }
    return run.stat(name);
  }
}
