package dev.keystone.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts and stops an installed Open Liberty server ({@code <wlp>/bin/server}) with the stack's
 * addresses in its environment, and waits until the application reports ready ({@code
 * /health/ready}). Kill and pid handling use the pid file Liberty's script writes to {@code
 * <output>/.pid/<server>.pid}, so a fault test can crash the server JVM.
 */
public final class LibertyServer implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(250);

  private final Path wlpDir;
  private final String serverName;
  private final Map<String, String> env;
  private final int httpPort;
  private final Path outputDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /**
   * @param wlpDir the Liberty installation ({@code wlp}, holding {@code bin/server})
   * @param serverName the server under {@code usr/servers}
   * @param env added to the server's environment (inherited by its JVM); {@code KEYSTONE_HTTP_PORT}
   *     (default 9080) is also where readiness is polled
   */
  public LibertyServer(Path wlpDir, String serverName, Map<String, String> env) {
    this.wlpDir = wlpDir.toAbsolutePath().normalize();
    this.serverName = serverName;
    this.env = Map.copyOf(env);
    this.httpPort = Integer.parseInt(env.getOrDefault("KEYSTONE_HTTP_PORT", "9080"));
    String output = env.getOrDefault("WLP_OUTPUT_DIR", System.getenv("WLP_OUTPUT_DIR"));
    this.outputDir = output == null ? this.wlpDir.resolve("usr/servers") : Path.of(output);
  }

  public int httpPort() {
    return httpPort;
  }

  /** The server's name under {@code usr/servers}. */
  public String serverName() {
    return serverName;
  }

  /** The HTTPS port from {@code KEYSTONE_HTTPS_PORT} (default 9443). */
  public int httpsPort() {
    return Integer.parseInt(env.getOrDefault("KEYSTONE_HTTPS_PORT", "9443"));
  }

  /** {@code <output>/<server>/logs/messages.log}, where Liberty says why it did not start. */
  public Path messagesLog() {
    return outputDir.resolve(serverName).resolve("logs/messages.log");
  }

  /**
   * Runs {@code server start <name>}, then waits until {@code
   * http://localhost:<httpPort>/health/ready} answers 200.
   *
   * @throws ServiceStartException on failure or timeout, with the tail of messages.log in the
   *     message
   */
  public void start(Duration timeout) {
    if (isRunning()) {
      throw new IllegalStateException(
          "Liberty server " + serverName + " is already running (pid " + pid().orElse(-1L) + ")");
    }
    Instant deadline = Instant.now().plus(timeout);
    String output = runScript("start", timeout);
    URI ready = URI.create("http://localhost:" + httpPort + "/health/ready");
    while (!answers200(ready)) {
      // The pid the script just wrote, as it is: while the launcher execs the JVM its command line
      // does not name the server yet.
      boolean living = pidFile().map(OsProcesses::isLiving).orElse(false);
      if (Instant.now().isAfter(deadline) || !living) {
        String why = living ? "not ready within " + timeout : "the server process ended";
        throw new ServiceStartException(
            "Liberty server "
                + serverName
                + ": "
                + why
                + " ("
                + ready
                + ")\n"
                + output
                + tail(messagesLog(), 30),
            messagesLog(),
            null);
      }
      pause();
    }
  }

  /** Runs {@code server stop <name>} (graceful); kills the JVM if it is still there afterwards. */
  public void stop() {
    if (!isRunning()) {
      return;
    }
    runScript("stop", Duration.ofSeconds(60));
    if (isRunning()) {
      kill();
    }
  }

  /** SIGKILLs the server JVM, as in a crash. */
  public void kill() {
    pid().flatMap(ProcessHandle::of).ifPresent(OsProcesses::killTree);
  }

  public boolean isRunning() {
    return pid().map(OsProcesses::isLiving).orElse(false);
  }

  /**
   * The server JVM's pid from Liberty's pid file, if there is one and it still names this server's
   * JVM. A killed server leaves its pid file behind, and the kernel hands its pid to another
   * process sooner or later: trusting the file alone once refused a start ("already running") and
   * could have killed a stranger.
   */
  public Optional<Long> pid() {
    return pidFile().filter(this::isThisServer);
  }

  /** Whatever pid Liberty's pid file holds (right after a start: the process being launched). */
  private Optional<Long> pidFile() {
    Path pidFile = outputDir.resolve(".pid").resolve(serverName + ".pid");
    try {
      return Files.exists(pidFile)
          ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Liberty's launcher ends the JVM's command line with the server's name. Read from {@code /proc}
   * ({@link ProcessHandle.Info#arguments} comes back empty for long command lines); where there is
   * no {@code /proc}, a living pid is taken at its word.
   */
  private boolean isThisServer(long pid) {
    Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return OsProcesses.isLiving(pid);
    }
    try {
      String[] args = Files.readString(cmdline, StandardCharsets.UTF_8).split("\0");
      return args.length > 0 && args[args.length - 1].equals(serverName);
    } catch (IOException | UncheckedIOException e) {
      return false; // gone
    }
  }

  @Override
  public void close() {
    stop();
  }

  private String runScript(String action, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(wlpDir.resolve("bin/server").toString());
    command.add(action);
    command.add(serverName);
    try {
      // A file, not a pipe: the server JVM the script leaves behind must not hold our stream open.
      Path transcript = Files.createTempFile("liberty-" + action + "-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(OsProcesses.ownSession(command))
              .redirectErrorStream(true)
              .redirectOutput(transcript.toFile())
              .redirectInput(OsProcesses.devNull());
      builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().putAll(env);
      Process script = builder.start();
      if (!OsProcesses.awaitExit(script.toHandle(), timeout)) {
        script.destroyForcibly();
      }
      String text = Files.readString(transcript, StandardCharsets.UTF_8);
      Files.deleteIfExists(transcript);
      if (script.waitFor() != 0 && "start".equals(action)) {
        throw new ServiceStartException(
            "server start " + serverName + " failed:\n" + text + tail(messagesLog(), 30),
            messagesLog(),
            null);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  private boolean answers200(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + uri, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Liberty", e);
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return "--- last lines of "
          + file
          + " ---\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }
}
