package dev.keystone.it.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * CPU time (user + system, from {@code /proc/<pid>/stat}) of one Liberty server of this checkout,
 * found by its server name on the command line: the benchmark's per-request cost figure, which a
 * machine shared with other builds disturbs far less than throughput.
 */
final class ServerCpu {

  /** Linux reports these fields in clock ticks of 10 ms (USER_HZ = 100). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ServerCpu() {}

  /** A reader of the CPU time of the Liberty server named {@code server}. */
  static LongSupplier of(String server) {
    var wlp = Path.of(System.getProperty("keystone.wlp.dir")).toAbsolutePath().normalize();
    long pid =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .map(
                            c ->
                                c.contains("ws-server.jar " + server) && c.contains(wlp.toString()))
                        .orElse(false))
            .mapToLong(ProcessHandle::pid)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no JVM of server " + server));
    return () -> ticks(pid) * NANOS_PER_TICK;
  }

  private static long ticks(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // fields after the command name in parentheses: utime is the 14th, stime the 15th field
      var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
