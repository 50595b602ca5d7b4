package dev.keystone.it.support;

import dev.keystone.devstack.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Liberty servers a test starts beside the stack's own (a second application server, a
 * consumers-only server, a sample application), in the Liberty that server-config builds, with the
 * stack's environment and ports of their own. {@link KeystoneStack} stops them with itself.
 */
final class ExtraServers {

  private final Map<String, String> environment;
  private final LibertyServer main;
  private final List<LibertyServer> started = new ArrayList<>();

  /**
   * @param environment the stack's environment, which every server starts from
   * @param main the stack's own server, whose certificate and LTPA keys the others reuse
   */
  ExtraServers(Map<String, String> environment, LibertyServer main) {
    this.environment = environment;
    this.main = main;
  }

  /**
   * Creates and starts one more Liberty server on the same stack, with the built EAR deployed by
   * its configuration (not by Arquillian), on its own free ports: a second node for cross-server
   * tests (cache lease, sweepers, consumer groups). It is stopped with the stack; a test may kill
   * and restart it.
   *
   * @param name the server name, unique in the run (e.g. {@code keystone-b})
   * @param overrides environment entries added to (or replacing) the stack's
   */
  synchronized LibertyServer startNode(String name, Map<String, String> overrides) {
    var wlp = Path.of(System.getProperty("keystone.wlp.dir")).toAbsolutePath();
    var configDir = Path.of(System.getProperty("keystone.server.config.dir")).toAbsolutePath();
    var server = wlp.resolve("usr/servers").resolve(name);
    ServerDirectories.createNode(server, configDir, Path.of(System.getProperty("keystone.ear")));
    var env = new HashMap<>(environment);
    env.put("KEYSTONE_HTTP_PORT", Integer.toString(KeystoneStack.freePort()));
    env.put("KEYSTONE_HTTPS_PORT", Integer.toString(KeystoneStack.freePort()));
    // An extra node is a second application server: its consumers stay off unless a test asks,
    // so that consumer-group tests see only the consumer servers they start themselves.
    env.put("KEYSTONE_CONSUMERS_CONNECTOR", "keystone-off");
    // Likewise its outbox sweeper: tests that count what the main server publishes must not see
    // a lingering node sweep part of the backlog. A test of several sweepers turns it on.
    env.put("KEYSTONE_OUTBOX_SWEEPER_ENABLED", "false");
    env.put("OTEL_SERVICE_NAME", name);
    env.putAll(overrides);
    var liberty = new LibertyServer(wlp, name, env);
    started.add(liberty); // stopped with the stack even if it never gets ready
    try {
      liberty.start(Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      liberty.stop(); // a server that did not get ready must not hold its name for a retry
      throw e;
    }
    return liberty;
  }

  /**
   * Creates and starts a consumers-only Liberty server on the same stack: a copy of the {@code
   * keystone-consumers} server that server-config builds (its server.xml, the channels of
   * consumers.xml and the standalone consumers WAR), on its own free HTTP and HTTPS ports ({@link
   * LibertyServer#httpsPort()}: its {@code /metrics}). It is stopped with the stack; a test may
   * kill and restart it.
   *
   * @param name the server name, unique in the run (e.g. {@code keystone-consumers-a})
   * @param overrides environment entries added to (or replacing) the stack's
   */
  synchronized LibertyServer startConsumers(String name, Map<String, String> overrides) {
    var template =
        Path.of(System.getProperty("keystone.wlp.dir"))
            .toAbsolutePath()
            .resolve("usr/servers/keystone-consumers");
    var files = new LinkedHashMap<String, Path>();
    for (var file :
        List.of(
            "server.xml",
            "bootstrap.properties",
            "jvm.options",
            "consumers.xml",
            "apps/consumers-module.war")) {
      files.put(file, template.resolve(file));
    }
    // The main server's certificate and LTPA keys (same key store password): generating them takes
    // a consumers-only server most of a minute on a busy machine, within its start deadline.
    var security = main.messagesLog().getParent().resolveSibling("resources/security");
    for (var file : List.of("key.p12", "ltpa.keys")) {
      if (Files.exists(security.resolve(file))) {
        files.put("resources/security/" + file, security.resolve(file));
      }
    }
    // its own HTTPS port (for /metrics), not the main server's from the stack's environment
    var env = new HashMap<String, String>();
    env.put("KEYSTONE_HTTPS_PORT", Integer.toString(KeystoneStack.freePort()));
    env.putAll(overrides);
    return startApplication(name, files, env);
  }

  /**
   * Creates and starts a Liberty server of some application on the same stack, in the Liberty that
   * server-config builds: {@code files} are copied into the new server's directory (its server.xml,
   * its applications), and it gets its own free HTTP port ({@code KEYSTONE_HTTP_PORT}, where
   * readiness is polled) unless {@code overrides} name one. It is stopped with the stack; a test
   * may kill and restart it.
   *
   * @param name the server name, unique in the run (e.g. {@code notes})
   * @param files a path inside the server directory (e.g. {@code apps/notes-app.war}) → the file
   *     copied there
   * @param overrides environment entries added to (or replacing) the stack's
   */
  synchronized LibertyServer startApplication(
      String name, Map<String, Path> files, Map<String, String> overrides) {
    var wlp = Path.of(System.getProperty("keystone.wlp.dir")).toAbsolutePath();
    var server = wlp.resolve("usr/servers").resolve(name);
    try {
      ServerDirectories.deleteRecursively(server);
      for (var file : files.entrySet()) {
        var target = server.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.copy(file.getValue(), target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int attempt = 1; ; attempt++) {
      var env = new HashMap<>(environment);
      env.put("KEYSTONE_HTTP_PORT", Integer.toString(KeystoneStack.freePort()));
      env.put("OTEL_SERVICE_NAME", name);
      env.putAll(overrides);
      var liberty = new LibertyServer(wlp, name, env);
      started.add(liberty); // stopped with the stack even if it never gets ready
      // like an extra node: on the shared 2-core machine a start has taken over 3 min
      try {
        liberty.start(Duration.ofMinutes(5));
      } catch (RuntimeException e) {
        liberty.stop(); // a start that timed out left a JVM behind that outlived the run once
        throw e;
      }
      if (!ServerDirectories.lostItsPort(liberty)) {
        return liberty;
      }
      // another process took the free port first: its answers are not this server's
      liberty.stop();
      started.remove(liberty);
      ServerDirectories.deleteRecursively(server.resolve("logs"));
      if (attempt == 3) {
        throw new IllegalStateException(name + " could not bind a free HTTP port 3 times");
      }
    }
  }

  /** Stops every server started here, those that never got ready too. */
  synchronized void stopAll() {
    started.forEach(LibertyServer::stop);
  }
}
