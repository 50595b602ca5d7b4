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

  /** SIGKILLs the process and its descendants, then waits (up to 10 s) until all are gone. */
  static void killTree(ProcessHandle root) {
    List<ProcessHandle> tree = tree(root);
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      awaitExit(handle, Duration.ofSeconds(10));
    }
  }

  /** Waits until the process is gone; returns whether it is. */
  static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
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
