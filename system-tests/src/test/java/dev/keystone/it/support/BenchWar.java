package dev.keystone.it.support;

import dev.keystone.devstack.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The benchmark-only WAR ({@code bench-module}, docs/benchmarks.md) deployed beside the EAR on a
 * benchmark's extra Liberty node: the reference endpoints under {@code /bench} (the no-op floor, a
 * bare Jedis GET, a plain SQL read, a product write without an outbox row). Only the benchmarks
 * start such nodes; the production EAR carries none of it.
 */
public final class BenchWar {

  /** The bench WAR's context root on a node: the name it is dropped in under. */
  public static final String CONTEXT_ROOT = "/bench";

  private BenchWar() {}

  /**
   * Starts an extra node ({@link KeystoneStack#startExtraServer(String, Map)}), then drops the
   * bench WAR into its {@code dropins} folder, which Liberty watches; returns once the WAR answers.
   */
  public static LibertyServer startNode(String name, Map<String, String> overrides) {
    var server = KeystoneStack.get().startExtraServer(name, overrides);
    var dropins =
        Path.of(System.getProperty("keystone.wlp.dir"))
            .toAbsolutePath()
            .resolve("usr/servers")
            .resolve(name)
            .resolve("dropins");
    try {
      Files.createDirectories(dropins);
      Files.copy(
          Path.of(System.getProperty("keystone.bench.war")),
          dropins.resolve(CONTEXT_ROOT.substring(1) + ".war"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Awaitility.await("the bench WAR on " + name)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> Api.keystone().at(url(server)).get("/noop").status() == 200);
    return server;
  }

  /** {@code http://localhost:<port>/bench}: the bench endpoints' base on {@code server}. */
  public static String url(LibertyServer server) {
    return "http://localhost:" + server.httpPort() + CONTEXT_ROOT;
  }
}
