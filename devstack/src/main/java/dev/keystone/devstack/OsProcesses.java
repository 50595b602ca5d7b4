package dev.keystone.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signals and process trees. Java can send SIGTERM and SIGKILL itself; SIGSTOP, SIGCONT and SIGINT
 * go through the {@code kill} command. Trees matter because PostgreSQL serves each connection from
 * a child of the postmaster: a "hung database" must freeze those children too, and a "crash" must
 * not leave them behind.
 */
final class OsProcesses {
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private OsProcesses() {}

  /**
   * Sends {@code signal} (e.g. {@code STOP}) to one process; a process that is already gone is
   * ignored.
   */
  static void signal(long pid, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run kill -" + signal + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends {@code signal} to the process and every descendant, parent first (so it cannot fork new
   * children).
   */
  static void signalTree(ProcessHandle root, String signal) {
    List<ProcessHandle> tree = tree(root);
    for (ProcessHandle handle : tree) {
      signal(handle.pid(), signal);
    }
  }

  /**
   * SIGSTOPs the process and every descendant, including one forked while the tree was being
   * signalled (a PostgreSQL backend for a connection that arrived a moment before): the root first
   * (a stopped process forks no more), then the tree until a listing shows no process not yet
   * stopped by us. Forks are rare here, so this ends after one or two listings.
   */
  static void stopTree(ProcessHandle root) {
    signal(root.pid(), "STOP");
    var signalled = new java.util.HashSet<Long>(List.of(root.pid()));
    for (int listing = 0; listing < 20; listing++) {
      boolean newcomer = false;
      for (ProcessHandle handle : tree(root)) {
        if (signalled.add(handle.pid())) {
          signal(handle.pid(), "STOP");
          newcomer = true;
        }
      }
      if (!newcomer) {
        return;
      }
    }
  }

  /**
   * SIGKILLs the process and its descendants, then waits (up to 10 s) until all are dead, and
   * briefly (2 s in all) until they are reaped too, so that {@link ProcessHandle#isAlive()} agrees;
   * a killed PostgreSQL backend is reaped by init, not by us.
   */
  static void killTree(ProcessHandle root) {
    signal(root.pid(), "STOP"); // a frozen parent cannot fork a child we would miss
    List<ProcessHandle> tree = tree(root);
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      awaitExit(handle, Duration.ofSeconds(10));
    }
    long reapDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    for (ProcessHandle handle : tree) {
      long left = reapDeadline - System.nanoTime();
      try {
        handle.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // a zombie: dead, holds nothing but its pid until its parent reaps it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Waits until the process is gone (or a zombie: dead, only not yet reaped); returns whether it
   * is.
   */
  static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handle.isAlive() && isLiving(handle.pid())) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        handle.onExit().get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // poll again: onExit of a process that is not our child only notices once it is reaped
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !handle.isAlive();
      }
    }
    return true;
  }

  /**
   * Alive and not a zombie. {@link ProcessHandle#isAlive()} is true for a zombie (dead, not yet
   * reaped by its parent), which a SIGKILLed JVM stays until its parent or init gets to it.
   */
  static boolean isLiving(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** The process and all its descendants, parent first. */
  static List<ProcessHandle> tree(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    return tree;
  }

  /**
   * Runs the command in its own session ({@code setsid}, which execs in place, so the pid stays the
   * command's). A Ctrl-C in the terminal then reaches only devstack, which stops Liberty first and
   * the stack after it, instead of every process of the terminal's group dying at once.
   */
  static List<String> ownSession(List<String> command) {
    if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add("/usr/bin/setsid");
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * PostgreSQL refuses to run as root. As root, run it in a new user namespace ({@code unshare -U},
   * also in place), where it is an unprivileged user; files it creates still belong to root
   * outside.
   */
  static List<String> unprivileged(List<String> command) {
    if (!ROOT || !Files.isExecutable(Path.of("/usr/bin/unshare"))) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add("/usr/bin/unshare");
    wrapped.add("-U");
    wrapped.addAll(command);
    return wrapped;
  }

  /** stdin of every child: nothing to read, and no pipe held open. */
  static File devNull() {
    return new File("/dev/null");
  }
}
