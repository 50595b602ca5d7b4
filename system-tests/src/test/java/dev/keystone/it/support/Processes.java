package dev.keystone.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a fault test needs of the operating system: signals sent by pid (SIGSTOP and SIGCONT go
 * through the {@code kill} command, as an operator or the kernel's OOM killer would send them), a
 * process' state as the kernel reports it, and the pids of a process tree.
 */
public final class Processes {

  private Processes() {}

  /** Sends {@code signal} (e.g. {@code STOP}) to {@code pid}; fails if kill does. */
  public static void signal(long pid, String signal) {
    try {
      var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The state letter of {@code /proc/<pid>/stat}: {@code T} stopped, {@code R} or {@code S} running
   * or sleeping, {@code Z} dead but not reaped; {@code '-'} when there is no such process.
   */
  public static char state(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException e) {
      return '-';
    }
  }

  /** Dead: gone, or a zombie waiting to be reaped. */
  public static boolean dead(long pid) {
    char state = state(pid);
    return state == '-' || state == 'Z' || state == 'X';
  }

  /** The process and all its descendants, parent first. */
  public static List<Long> tree(long pid) {
    var root = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no pid " + pid));
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
        .map(ProcessHandle::pid)
        .toList();
  }
}
