package dev.keystone.it.cluster;

import dev.keystone.devstack.DevStack;
import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.ServerDirectories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

/**
 * The cluster stack (three Kafka nodes, Redis primary + replica + three Sentinels, its own
 * PostgreSQL) with one Keystone server on it, running the EAR as built, consumers included. It is
 * separate from the run's shared stack, whose signing key it trusts so that {@link Api}'s tokens
 * work on both. Started on first use and shared by the run's cluster tests; it stops when the test
 * JVM exits.
 */
final class ClusterStack implements AutoCloseable {
  private static final String SERVER = "keystone-cluster-a";
  private static ClusterStack instance;

  final DevStack engines;
  final LibertyServer server;
  final Api api;

  private ClusterStack(DevStack engines, LibertyServer server) {
    this.engines = engines;
    this.server = server;
    this.api = new Api("http://localhost:" + server.httpPort());
  }

  static synchronized ClusterStack get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "cluster-stack-stop"));
    }
    return instance;
  }

  private static ClusterStack start() {
    // The shared stack first: it empties the run's directory when it starts.
    var shared = KeystoneStack.get().environment();
    var itDir = Path.of(System.getProperty("keystone.it.dir", "target/it")).toAbsolutePath();
    var engines =
        DevStack.builder().dataDir(itDir.resolve("cluster")).randomPorts().cluster().start();
    try {
      var env = new HashMap<>(shared);
      env.putAll(engines.applicationEnvironment());
      for (var key :
          List.of("KEYSTONE_JWT_PUBLIC_KEY", "KEYSTONE_JWT_ISSUER", "KEYSTONE_JWT_AUDIENCE")) {
        env.put(key, shared.get(key));
      }
      // Its spans would only crowd the tracing tests' receiver.
      env.put("OTEL_SDK_DISABLED", "true");
      env.put("KEYSTONE_HTTP_PORT", Integer.toString(KeystoneStack.freePort()));
      env.put("KEYSTONE_HTTPS_PORT", Integer.toString(KeystoneStack.freePort()));
      var wlp = Path.of(System.getProperty("keystone.wlp.dir")).toAbsolutePath();
      ServerDirectories.createNode(
          wlp.resolve("usr/servers").resolve(SERVER),
          Path.of(System.getProperty("keystone.server.config.dir")).toAbsolutePath(),
          Path.of(System.getProperty("keystone.ear")));
      var server = new LibertyServer(wlp, SERVER, env);
      try {
        server.start(Duration.ofMinutes(5));
      } catch (RuntimeException e) {
        server.stop();
        throw e;
      }
      return new ClusterStack(engines, server);
    } catch (RuntimeException e) {
      engines.close();
      throw e;
    }
  }

  Connection database() throws SQLException {
    var e = engines.endpoints();
    return DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword());
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (RuntimeException e) {
      server.kill();
    }
    engines.close();
  }
}
