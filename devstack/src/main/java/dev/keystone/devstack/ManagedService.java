package dev.keystone.devstack;

import java.nio.file.Path;

/**
 * One piece of the local infrastructure running as its own OS process. Fault tests use it to stop,
 * kill, hang and restart a single service while the rest keeps running.
 *
 * <p>Every method is safe to call in any state: stopping a stopped service or starting a running
 * one does nothing.
 */
public interface ManagedService {

  /** Human name, e.g. {@code PostgreSQL}. */
  String name();

  /** The port clients connect to; it stays the same across restarts. */
  int port();

  /** Whether the OS process is alive (a paused process is alive). */
  boolean isRunning();

  /** Stops gracefully (the service's own clean shutdown), waits for the process to exit. */
  void stop();

  /** Kills the process (and its children) with SIGKILL, as in a crash; waits until it is gone. */
  void kill();

  /**
   * Starts the service again on the same port with the same data; returns once it accepts
   * connections.
   *
   * @throws ServiceStartException if it does not come up; the message names the log file
   */
  void start();

  /**
   * Freezes the process and its children with SIGSTOP: connections stay open but nothing answers.
   */
  void pause();

  /** Undoes {@link #pause()} with SIGCONT. */
  void resume();

  /** The OS process id, or -1 when the service is not running. */
  long pid();

  /** Where the process' stdout and stderr go ({@code <dataDir>/logs/<service>.log}). */
  Path logFile();
}
