package dev.keystone.it.bench;

import dev.keystone.devstack.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went while one target was under load: a JFR recording of the Liberty node
 * (started and stopped with {@code jcmd}, the {@code profile} settings: a sample every 10 ms per
 * running thread), its {@code jdk.ExecutionSample} events counted per {@link Stages stage}.
 */
final class StageProfile {

  /** A recording under way on a node. */
  record Recording(LibertyServer node, Path file, String name) {
    StageProfile stop() {
      jcmd(node, "JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
      return read(file);
    }
  }

  private final Map<String, Long> samples;

  private StageProfile(Map<String, Long> samples) {
    this.samples = samples;
  }

  static Recording start(LibertyServer node, Path file) {
    var name = "bench-" + file.getFileName().toString().replace(".jfr", "");
    // Liberty's request stacks are deeper than JFR's default 64 frames
    jcmd(node, "JFR.configure", "stackdepth=256");
    jcmd(node, "JFR.start", "name=" + name, "settings=profile");
    return new Recording(node, file, name);
  }

  static StageProfile read(Path file) {
    var counts = new LinkedHashMap<String, Long>();
    try (var recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        var event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        var thread = event.getThread("sampledThread");
        var name = thread == null ? null : thread.getJavaName();
        counts.merge(Stages.of(name, event.getStackTrace()), 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StageProfile(counts);
  }

  /** Samples of Liberty's executor threads (every stage but the other threads'). */
  long requestSamples() {
    return samples.entrySet().stream()
        .filter(e -> !otherThreads(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  long allSamples() {
    return samples.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The share of the gateway's stages among the request threads' samples. */
  double gatewayShare() {
    return share(e -> e.startsWith(Stages.GATEWAY), requestSamples());
  }

  double share(java.util.function.Predicate<String> stage, long of) {
    long n =
        samples.entrySet().stream()
            .filter(e -> stage.test(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return of == 0 ? Double.NaN : n / (double) of;
  }

  /**
   * One line per stage, largest first: its share of the request threads' samples (other threads: of
   * all samples).
   */
  List<String> lines() {
    var lines = new ArrayList<String>();
    long request = requestSamples();
    samples.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(
            e -> {
              boolean other = otherThreads(e.getKey());
              long of = other ? allSamples() : request;
              lines.add(
                  String.format(
                      "%-40s %6d samples %5.1f %%%s",
                      e.getKey(), e.getValue(), 100.0 * e.getValue() / of, other ? " of all" : ""));
            });
    lines.add(
        String.format(
            "%-40s %6d samples %5.1f %%",
            "gateway, all stages", Math.round(gatewayShare() * request), 100 * gatewayShare()));
    return lines;
  }

  /** The stage lines written beside the recording ({@code <file>.txt}). */
  void write(Path file, String title) {
    try {
      Files.writeString(Path.of(file + ".txt"), title + "\n" + String.join("\n", lines()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean otherThreads(String stage) {
    return stage.equals(Stages.OTHER_THREADS) || stage.equals(Stages.OUTBOX_THREADS);
  }

  private static void jcmd(LibertyServer node, String... command) {
    long pid = node.pid().orElseThrow(() -> new IllegalStateException("no pid for " + node));
    var args = new ArrayList<String>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(Long.toString(pid));
    args.addAll(List.of(command));
    try {
      var process = new ProcessBuilder(args).redirectErrorStream(true).start();
      var output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", args) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
