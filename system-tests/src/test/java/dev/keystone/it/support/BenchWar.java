package dev.keystone.it.support;

import dev.keystone.devstack.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The benchmark-only WAR ({@code bench-module}, docs/benchmarks.md) deployed beside the EAR on a
 * benchmark's extra Liberty node: the reference endpoints under {@code /bench} (a no-op behind the
 * token check, a bare Jedis GET, a plain SQL read, a product write without an outbox row), and
 * beside it the floor ({@code bench-bare-module}, {@code /bare/noop}: JAX-RS and nothing else).
 * Only the benchmarks start such nodes; the production EAR carries none of it.
 */
public final class BenchWar {

  /** The bench WAR's context root on a node. */
  public static final String CONTEXT_ROOT = "/bench";

  /** The floor's context root: {@code bench-bare-module}, a JAX-RS no-op with nothing around it. */
  public static final String BARE_ROOT = "/bare";

  private BenchWar() {}

  /**
   * Starts an extra node ({@link KeystoneStack#startExtraServer(String, Map)}), then copies the
   * bench WAR into its {@code apps} folder and adds a {@code webApplication} for it as a
   * configuration drop-in, which the running server picks up (it watches its configuration; its
   * {@code dropins} folder is not polled on the test servers); returns once the WAR answers.
   */
  public static LibertyServer startNode(String name, Map<String, String> overrides) {
    var settings = new java.util.HashMap<>(overrides);
    // the consistency sampler as in production (once a minute), not the test stack's every second
    settings.putIfAbsent("KEYSTONE_CACHE_CONSISTENCY_INTERVAL_MS", "60000");
    // tracing as in production without settings: off (the test stack turns it on for every server)
    settings.putIfAbsent("OTEL_SDK_DISABLED", "true");
    var server = KeystoneStack.get().startExtraServer(name, settings);
    var dir =
        Path.of(System.getProperty("keystone.wlp.dir"))
            .toAbsolutePath()
            .resolve("usr/servers")
            .resolve(name);
    try {
      Files.copy(
          Path.of(System.getProperty("keystone.bench.war")),
          dir.resolve("apps/keystone-bench.war"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          Path.of(System.getProperty("keystone.bench.bare.war")),
          dir.resolve("apps/keystone-bench-bare.war"),
          StandardCopyOption.REPLACE_EXISTING);
      // written aside and moved in, so the server never reads half a file
      var snippet = dir.resolve("bench.xml.tmp");
      Files.writeString(
          snippet,
          """
          <server>
            <webApplication id="keystone-bench" name="keystone-bench"
                            location="keystone-bench.war" contextRoot="%s"/>
            <webApplication id="keystone-bench-bare" name="keystone-bench-bare"
                            location="keystone-bench-bare.war" contextRoot="%s"/>
          </server>
          """
              .formatted(CONTEXT_ROOT, BARE_ROOT));
      Files.move(
          snippet,
          dir.resolve("configDropins/overrides/bench.xml"),
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Awaitility.await("the bench WAR on " + name)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                Api.keystone().at(url(server)).get("/noop").status() == 200
                    && Api.anonymous().at(bareUrl(server)).get("/noop").status() == 200);
    return server;
  }

  /** {@code http://localhost:<port>/bare}: the floor's base on {@code server}. */
  public static String bareUrl(LibertyServer server) {
    return "http://localhost:" + server.httpPort() + BARE_ROOT;
  }

  /** {@code http://localhost:<port>/bench}: the bench endpoints' base on {@code server}. */
  public static String url(LibertyServer server) {
    return "http://localhost:" + server.httpPort() + CONTEXT_ROOT;
  }
}
