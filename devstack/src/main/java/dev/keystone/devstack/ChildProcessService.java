package dev.keystone.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The life cycle shared by the four services: launch one OS process with its output appended to a
 * log file, poll until it answers, and stop, kill, pause or resume it by signal. Subclasses say how
 * to launch and how to probe.
 */
abstract class ChildProcessService implements ManagedService {

  /** {@code setsid}'s exit code when it cannot execute the program. */
  private static final int CANNOT_EXECUTE = 126;

  /** How long a fresh process is watched for that exit code. */
  private static final Duration EXEC_CHECK = Duration.ofMillis(200);

  private static final Duration POLL = Duration.ofMillis(100);

  private final String name;
  private final int port;
  private final Path logFile;
  private final Path pidFile;
  private Process process;

  ChildProcessService(String name, Path dataDir, int port, Path logFile) {
    this.name = name;
    this.port = port;
    this.logFile = logFile;
    this.pidFile = Orphans.pidFile(dataDir, name);
  }

  /**
   * The command of the long-running process; may prepare files first (config, binaries, one-time
   * init).
   */
  abstract List<String> command() throws IOException;

  /**
   * One quick probe: does the service answer its clients yet? Must not block for more than a few
   * seconds.
   */
  abstract boolean answers();

  /** Runs once the service answers, on every start (e.g. idempotent bootstrap). */
  void afterStart() throws Exception {}

  /** Asks the process to shut down cleanly; SIGTERM unless the service wants another signal. */
  void requestStop(Process running) {
    running.destroy();
  }

  Duration startTimeout() {
    return Duration.ofSeconds(60);
  }

  Duration stopTimeout() {
    return Duration.ofSeconds(30);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path logFile() {
    return logFile;
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized long pid() {
    return isRunning() ? process.pid() : -1;
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      Files.createDirectories(logFile.getParent());
      List<String> command = command();
      appendToLog("starting: " + String.join(" ", command));
      process = launchExecutable(command);
      Files.createDirectories(pidFile.getParent());
      Files.writeString(pidFile, process.pid() + " " + ProcessHandle.current().pid());
      awaitAnswer();
      afterStart();
    } catch (Exception e) {
      if (process != null) {
        OsProcesses.killTree(process.toHandle());
        forgetPid();
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String reason = e instanceof ServiceStartException ? e.getMessage() : e.toString();
      throw new ServiceStartException(
          name + " did not start: " + reason + " (log: " + logFile + ")", logFile, e);
    }
  }

  /** Starts a helper command (same log file) and waits for it; fails on a non-zero exit code. */
  void runToCompletion(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    appendToLog("running: " + String.join(" ", command));
    Process helper = launch(command);
    if (!OsProcesses.awaitExit(helper.toHandle(), timeout)) {
      OsProcesses.killTree(helper.toHandle());
      throw new IOException(command.get(0) + " did not finish within " + timeout);
    }
    if (helper.waitFor() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed with exit code " + helper.exitValue());
    }
  }

  /**
   * {@link #launch}, again when {@code setsid} could not execute the program (exit code 126): a
   * binary this JVM has just unpacked is "text file busy" while a child another thread forks at
   * that moment still holds the file open, until that child execs its own program.
   */
  private Process launchExecutable(List<String> command) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Process started = launch(command);
      if (attempt == 3
          || !started.waitFor(EXEC_CHECK.toMillis(), TimeUnit.MILLISECONDS)
          || started.exitValue() != CANNOT_EXECUTE) {
        return started;
      }
      appendToLog("could not execute " + command.get(0) + " (exit code 126); starting again");
    }
  }

  private Process launch(List<String> command) throws IOException {
    return new ProcessBuilder(OsProcesses.ownSession(command))
        .redirectInput(OsProcesses.devNull())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
  }

  private void awaitAnswer() throws InterruptedException {
    Instant deadline = Instant.now().plus(startTimeout());
    while (!answers()) {
      if (!process.isAlive()) {
        throw new ServiceStartException(
            "process exited with code " + process.exitValue(), logFile, null);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ServiceStartException(
            "no answer on port " + port + " within " + startTimeout(), logFile, null);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  @Override
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    List<ProcessHandle> tree = OsProcesses.tree(process.toHandle());
    OsProcesses.signalTree(process.toHandle(), "CONT"); // a paused process cannot act on SIGTERM
    requestStop(process);
    if (!OsProcesses.awaitExit(process.toHandle(), stopTimeout())) {
      appendToLog("did not stop within " + stopTimeout() + "; killing it");
      kill();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    awaitReaped();
    forgetPid();
  }

  @Override
  public synchronized void kill() {
    if (process != null) {
      OsProcesses.killTree(process.toHandle());
      awaitReaped();
      forgetPid();
    }
  }

  /**
   * Our child counts as gone for {@link Process#isAlive()} only once the JVM has reaped it; wait
   * for that too.
   */
  private void awaitReaped() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forgetPid() {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // a stale pid file is harmless: Orphans checks the command line before killing
    }
  }

  @Override
  public synchronized void pause() {
    if (isRunning()) {
      OsProcesses.stopTree(process.toHandle());
    }
  }

  @Override
  public synchronized void resume() {
    if (isRunning()) {
      OsProcesses.signalTree(process.toHandle(), "CONT");
    }
  }

  void appendToLog(String line) {
    try {
      Files.writeString(
          logFile,
          "--- devstack " + Instant.now() + " " + line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the log line is a courtesy; the service itself still writes to the file
    }
  }
}
