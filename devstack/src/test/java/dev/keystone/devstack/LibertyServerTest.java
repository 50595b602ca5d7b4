package dev.keystone.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LibertyServer} against a stand-in {@code wlp/bin/server} script that behaves like
 * Liberty's where it matters here: it launches a JVM in the background, writes {@code
 * usr/servers/.pid/<name>.pid} and returns.
 */
class LibertyServerTest {
  private static final String SCRIPT =
      """
      #!/bin/bash
      out="${WLP_OUTPUT_DIR:-$(dirname "$0")/../usr/servers}"
      case "$1" in
        start)
          mkdir -p "$out/.pid" "$out/$2/logs"
          nohup "$JAVA_HOME/bin/java" -cp "$FAKE_CLASSPATH" dev.keystone.devstack.FakeLibertyServer "$2" \\
            >> "$out/$2/logs/messages.log" 2>&1 &
          echo $! > "$out/.pid/$2.pid"
          echo "Server $2 started with process ID $!." ;;
        stop)
          pid=$(cat "$out/.pid/$2.pid") && kill "$pid" && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
          rm -f "$out/.pid/$2.pid"
          echo "Server $2 stopped." ;;
      esac
      """;

  @TempDir Path wlp;
  private LibertyServer server;

  @AfterEach
  void killServer() {
    if (server != null) {
      server.kill();
    }
  }

  @Test
  void startsWithTheEnvironmentWaitsForReadinessAndCanBeKilledAndStopped() throws Exception {
    int port =
        ServicePort.freePorts(java.util.List.of(ServicePort.LIBERTY_HTTP))
            .get(ServicePort.LIBERTY_HTTP);
    server = new LibertyServer(fakeWlp(), "keystone", environment(port, "true"));

    server.start(Duration.ofSeconds(30));
    assertTrue(server.isRunning());
    assertEquals(port, server.httpPort());
    assertEquals("jdbc:postgresql://localhost:1/keystone", get(port, "/env/KEYSTONE_DB_URL"));

    long first = server.pid().orElseThrow();
    server.kill();
    assertFalse(server.isRunning());
    assertFalse(OsProcesses.isLiving(first));

    server.start(Duration.ofSeconds(30));
    assertTrue(server.isRunning());
    server.stop();
    assertFalse(server.isRunning());
  }

  @Test
  void aStalePidFileNamingAnotherProcessIsNotTheServer() throws Exception {
    server = new LibertyServer(fakeWlp(), "keystone", environment(1, "true"));
    Process stranger = new ProcessBuilder("sleep", "120").start();
    try {
      Path pidFile = wlp.resolve("usr/servers/.pid/keystone.pid");
      Files.createDirectories(pidFile.getParent());
      Files.writeString(pidFile, Long.toString(stranger.pid())); // a killed server's pid, reused

      assertTrue(server.pid().isEmpty());
      assertFalse(server.isRunning());
      server.kill();
      assertTrue(stranger.isAlive(), "kill() must not touch a process that is not the server");
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void aServerThatNeverGetsReadyFailsWithTheTailOfMessagesLog() throws IOException {
    int port =
        ServicePort.freePorts(java.util.List.of(ServicePort.LIBERTY_HTTP))
            .get(ServicePort.LIBERTY_HTTP);
    server = new LibertyServer(fakeWlp(), "keystone", environment(port, "false"));

    ServiceStartException e =
        assertThrows(ServiceStartException.class, () -> server.start(Duration.ofSeconds(4)));

    assertTrue(e.getMessage().contains("not ready within"), e.getMessage());
    assertTrue(e.getMessage().contains("CWWKF0011I"), e.getMessage());
    assertEquals(wlp.resolve("usr/servers/keystone/logs/messages.log"), e.logFile());
  }

  private Path fakeWlp() throws IOException {
    Path script = wlp.resolve("bin/server");
    Files.createDirectories(script.getParent());
    Files.writeString(script, SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return wlp;
  }

  private static Map<String, String> environment(int port, String ready) {
    return Map.of(
        "KEYSTONE_HTTP_PORT",
        Integer.toString(port),
        "KEYSTONE_DB_URL",
        "jdbc:postgresql://localhost:1/keystone",
        "FAKE_READY",
        ready,
        "FAKE_CLASSPATH",
        System.getProperty("java.class.path"));
  }

  private static String get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
