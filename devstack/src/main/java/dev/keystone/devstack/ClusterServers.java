package dev.keystone.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Liberty servers of {@code ./run.sh --cluster}: two application servers and two consumers-only
 * servers on the cluster stack (docs/operations.md, "The cluster stack"). Each is a server
 * directory of its own ({@code usr/servers/keystone-cluster-a} ...), a copy of the configuration
 * and applications of an installed server ({@code keystone}, {@code keystone-consumers}) refreshed
 * at every start: two instances of one directory (Liberty's {@code WLP_OUTPUT_DIR}) expand the same
 * application into the same place and broke each other's start.
 *
 * <p>Ports follow the documented ones: application server a on {@code KEYSTONE_HTTP_PORT} and
 * {@code KEYSTONE_HTTPS_PORT} (9080, 9443), b one above each (9081, 9444); consumers-only servers
 * on {@code KEYSTONE_HTTP_PORT + 10} and {@code + 11} (9090, 9091; the consumers-only server's
 * default is 9090). The application servers run no consumer ({@code
 * KEYSTONE_CONSUMERS_CONNECTOR=keystone-off}); both consumers-only servers join every consumer's
 * one group.
 */
final class ClusterServers {
  static final String CONSUMERS_SERVER = "keystone-consumers";
  static final List<String> INSTANCES =
      List.of(
          "keystone-cluster-a",
          "keystone-cluster-b",
          "keystone-cluster-consumers-a",
          "keystone-cluster-consumers-b");

  /**
   * Heaps: what the servers need under the tests' loads with room to spare, instead of the JVM's
   * default of a quarter of the machine's memory for each of four JVMs.
   */
  static final String APPLICATION_HEAP = "-Xmx512m";

  static final String CONSUMERS_HEAP = "-Xmx384m";

  private final Path wlp;
  private final String appServer;
  private final int http;
  private final int https;

  ClusterServers(Path wlp, String appServer, Map<String, String> env) {
    this.wlp = wlp;
    this.appServer = appServer;
    this.http = ServicePort.LIBERTY_HTTP.fromEnvironment(env);
    this.https = ServicePort.LIBERTY_HTTPS.fromEnvironment(env);
    if (!Files.isDirectory(wlp.resolve("usr/servers").resolve(CONSUMERS_SERVER))) {
      throw new IllegalStateException(
          "No Liberty server '"
              + CONSUMERS_SERVER
              + "' in "
              + wlp
              + "; build it first: ./mvnw -DskipTests install");
    }
    for (int port : httpPorts()) {
      ServicePort.LIBERTY_HTTP.requireFree(port);
    }
    ServicePort.LIBERTY_HTTPS.requireFree(https);
    ServicePort.LIBERTY_HTTPS.requireFree(https + 1);
  }

  /** HTTP ports of a, b, consumers a, consumers b. */
  List<Integer> httpPorts() {
    return List.of(http, http + 1, http + 10, http + 11);
  }

  LibertyServers servers(Map<String, String> application) {
    List<LibertyServer> servers = new ArrayList<>();
    List<Integer> ports = httpPorts();
    for (int i = 0; i < INSTANCES.size(); i++) {
      boolean consumers = i >= 2;
      Map<String, String> env = new LinkedHashMap<>(application);
      env.put("KEYSTONE_HTTP_PORT", Integer.toString(ports.get(i)));
      env.put("JVM_ARGS", consumers ? CONSUMERS_HEAP : APPLICATION_HEAP);
      if (!consumers) {
        env.put("KEYSTONE_HTTPS_PORT", Integer.toString(https + i));
        env.put("KEYSTONE_CONSUMERS_CONNECTOR", "keystone-off");
      }
      Path installed = wlp.resolve("usr/servers");
      copyServer(
          installed.resolve(consumers ? CONSUMERS_SERVER : appServer),
          installed.resolve(INSTANCES.get(i)));
      servers.add(new LibertyServer(wlp, INSTANCES.get(i), env));
    }
    return new LibertyServers(servers);
  }

  /**
   * The server's configuration and applications, copied over the instance's earlier copy; its logs,
   * work area, expanded applications, key store and devstack's secrets file stay where they are.
   */
  private static void copyServer(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = from.relativize(file);
        String first = relative.getName(0).toString();
        if (SKIPPED.contains(first)
            || relative.startsWith(Path.of("apps", "expanded"))
            || first.equals("devstack-secrets.properties")) {
          continue;
        }
        Files.createDirectories(to.resolve(relative).getParent());
        Files.copy(file, to.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy the Liberty server " + from + " to " + to, e);
    }
  }

  private static final Set<String> SKIPPED = Set.of("logs", "workarea", "resources");

  void print(PrintStream out, LibertyServers started, List<Duration> times) {
    List<LibertyServer> servers = started.servers();
    for (int i = 0; i < servers.size(); i++) {
      LibertyServer server = servers.get(i);
      String base = "http://localhost:" + server.httpPort();
      out.printf(
          Locale.ROOT,
          "  %-29s %s%s  (ready in %.1f s; logs %s)%n",
          INSTANCES.get(i),
          i < 2 ? base + "/api" : base + "/consumers",
          i < 2 ? "  https://localhost:" + server.httpsPort() : "",
          times.get(i).toNanos() / 1e9,
          server.messagesLog().getParent());
    }
    out.printf(
        "  Load balancer  put one in front of %s and %s, health check /health/ready%n",
        "localhost:" + servers.get(0).httpPort(), "localhost:" + servers.get(1).httpPort());
  }
}
