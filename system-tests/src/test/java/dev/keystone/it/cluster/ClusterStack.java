package dev.keystone.it.cluster;

import dev.keystone.devstack.DevStack;
import dev.keystone.devstack.LibertyServer;
import dev.keystone.devstack.LibertyServers;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.ServerDirectories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster stack (three Kafka nodes, Redis primary + replica + three Sentinels, its own
 * PostgreSQL primary and streaming standby, reached through a multi-host URL) with Keystone on it
 * as docs/operations.md ("The cluster stack") runs it: two application servers ({@code
 * keystone-cluster-a}, {@code -b}: the EAR as built, consumers off, both sweeping the outbox) and
 * two consumers-only servers, members of the same consumer groups. It is separate from the run's
 * shared stack, whose signing key it trusts so that {@link Api}'s tokens work on both. Started on
 * first use and shared by the run's cluster tests; a test that kills a server leaves it to {@link
 * #get()} to start it again for the next; it stops when the test JVM exits.
 */
final class ClusterStack implements AutoCloseable {
  private static final List<String> NAMES =
      List.of(
          "keystone-cluster-a",
          "keystone-cluster-b",
          "keystone-cluster-consumers-a",
          "keystone-cluster-consumers-b");
  // four servers starting at once on a shared 2-core machine took over 6 min under other builds
  private static final Duration START = Duration.ofMinutes(15);
  private static ClusterStack instance;

  final DevStack engines;
  final LibertyServers all;

  /** Application server a, where the single-server tests write. */
  final LibertyServer server;

  final LibertyServer serverB;
  final List<LibertyServer> consumers;
  final Api api;
  final Api apiB;

  private ClusterStack(DevStack engines, LibertyServers all) {
    this.engines = engines;
    this.all = all;
    this.server = all.servers().get(0);
    this.serverB = all.servers().get(1);
    this.consumers = all.servers().subList(2, 4);
    this.api = new Api("http://localhost:" + server.httpPort());
    this.apiB = new Api("http://localhost:" + serverB.httpPort());
  }

  /** The running cluster; servers a test killed are started again (in parallel) first. */
  static synchronized ClusterStack get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "cluster-stack-stop"));
    } else {
      var dead = instance.all.servers().stream().filter(s -> !s.isRunning()).toList();
      if (!dead.isEmpty()) {
        new LibertyServers(dead).start(START);
      }
    }
    return instance;
  }

  private static ClusterStack start() {
    // The shared stack first: it empties the run's directory when it starts.
    var shared = KeystoneStack.get().environment();
    var itDir = Path.of(System.getProperty("keystone.it.dir", "target/it")).toAbsolutePath();
    long begin = System.nanoTime();
    var engines =
        DevStack.builder().dataDir(itDir.resolve("cluster")).randomPorts().cluster().start();
    long enginesReady = System.nanoTime();
    try {
      var env = new HashMap<>(shared);
      env.putAll(engines.applicationEnvironment());
      for (var key :
          List.of("KEYSTONE_JWT_PUBLIC_KEY", "KEYSTONE_JWT_ISSUER", "KEYSTONE_JWT_AUDIENCE")) {
        env.put(key, shared.get(key));
      }
      // Its spans would only crowd the tracing tests' receiver.
      env.put("OTEL_SDK_DISABLED", "true");
      var servers = new ArrayList<LibertyServer>();
      var wlp = Path.of(System.getProperty("keystone.wlp.dir")).toAbsolutePath();
      for (var name : NAMES) {
        servers.add(createServer(wlp, name, env));
      }
      var all = new LibertyServers(servers);
      var times = all.start(START);
      var figures = new StringBuilder();
      for (int i = 0; i < NAMES.size(); i++) {
        figures.append(
            String.format(Locale.ROOT, ", %s %.1f s", NAMES.get(i), times.get(i).toNanos() / 1e9));
      }
      System.out.printf(
          Locale.ROOT,
          "ClusterStack: engines ready in %.1f s, four servers started in parallel in %.1f s (%s)%n",
          (enginesReady - begin) / 1e9,
          (System.nanoTime() - enginesReady) / 1e9,
          figures.substring(2));
      return new ClusterStack(engines, all);
    } catch (RuntimeException e) {
      engines.close();
      throw e;
    }
  }

  private static LibertyServer createServer(Path wlp, String name, Map<String, String> shared) {
    var dir = wlp.resolve("usr/servers").resolve(name);
    var env = new HashMap<>(shared);
    env.put("KEYSTONE_HTTP_PORT", Integer.toString(KeystoneStack.freePort()));
    env.put("OTEL_SERVICE_NAME", name);
    if (name.contains("consumers")) {
      ServerDirectories.createConsumersNode(dir, wlp.resolve("usr/servers/keystone-consumers"));
      env.put("JVM_ARGS", "-Xmx384m");
    } else {
      ServerDirectories.createNode(
          dir,
          Path.of(System.getProperty("keystone.server.config.dir")).toAbsolutePath(),
          Path.of(System.getProperty("keystone.ear")));
      env.put("KEYSTONE_HTTPS_PORT", Integer.toString(KeystoneStack.freePort()));
      // the consumers run on their own servers, as in production (docs/operations.md)
      env.put("KEYSTONE_CONSUMERS_CONNECTOR", "keystone-off");
      env.put("JVM_ARGS", "-Xmx512m");
    }
    return new LibertyServer(wlp, name, env);
  }

  Connection database() throws SQLException {
    var e = engines.endpoints();
    return DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword());
  }

  @Override
  public void close() {
    all.close();
    engines.close();
  }
}
