package dev.keystone.it.support;

import dev.keystone.devstack.DevStack;
import dev.keystone.devstack.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The one stack of a test run, started lazily by the first integration test and stopped when the
 * JUnit session closes: a fresh local stack on free ports, and a Liberty server {@code keystone-it}
 * built from server-config's own server.xml (plus the local connector Arquillian deploys through).
 */
public final class KeystoneStack {

  /**
   * The test server's name: {@code -Dkeystone.it.server}, or {@code kit-} plus a hash of this
   * checkout's path. Arquillian finds the server's JVM by this name as a substring of the JVM's
   * command line, so builds running side by side on one machine (several worktrees) need names that
   * are not substrings of each other; with one shared name a test deployed to its own server but
   * watched, and undeployed from, another checkout's server.
   */
  public static final String SERVER_NAME = serverName();

  private static KeystoneStack instance;

  private final DevStack stack;
  private final LibertyServer liberty;
  private final int httpPort;
  private final Map<String, String> environment;
  private final TraceReceiver traces;
  private final java.util.List<LibertyServer> extraServers = new java.util.ArrayList<>();

  private KeystoneStack(
      DevStack stack,
      LibertyServer liberty,
      int httpPort,
      Map<String, String> env,
      TraceReceiver traces) {
    this.stack = stack;
    this.liberty = liberty;
    this.httpPort = httpPort;
    this.environment = env;
    this.traces = traces;
  }

  /** The running stack, started on first use. */
  public static synchronized KeystoneStack get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(KeystoneStack::stop));
    }
    return instance;
  }

  /** Stops the stack if it was started; idempotent. */
  public static synchronized void stop() {
    if (instance != null) {
      try {
        instance.extraServers.forEach(LibertyServer::stop);
        instance.liberty.stop();
      } finally {
        instance.stack.close();
        instance.traces.close();
        instance = null;
      }
    }
  }

  private static String serverName() {
    var given = System.getProperty("keystone.it.server", "");
    var name =
        given.isBlank()
            ? "kit-"
                + Integer.toHexString(
                    Path.of(System.getProperty("keystone.wlp.dir", "."))
                        .toAbsolutePath()
                        .hashCode())
            : given;
    System.setProperty("keystone.it.server", name); // arquillian.xml reads it
    return name;
  }

  private static KeystoneStack start() {
    var itDir = Path.of(System.getProperty("keystone.it.dir", "target/it")).toAbsolutePath();
    var wlp = Path.of(System.getProperty("keystone.wlp.dir")).toAbsolutePath();
    var configDir = Path.of(System.getProperty("keystone.server.config.dir")).toAbsolutePath();
    ServerDirectories.deleteRecursively(itDir);
    var stack = DevStack.builder().dataDir(itDir.resolve("data")).randomPorts().start();
    var traces = TraceReceiver.start();
    try {
      int http = freePort();
      var env = new HashMap<>(stack.applicationEnvironment());
      env.putAll(tracing(traces));
      env.put("KEYSTONE_HTTP_PORT", Integer.toString(http));
      env.put("KEYSTONE_HTTPS_PORT", Integer.toString(freePort()));
      env.put("KEYSTONE_ADMIN_PASSWORD", randomSecret());
      env.put("KEYSTONE_KEYSTORE_PASSWORD", randomSecret());
      env.put("KEYSTONE_IT_VISITOR_PASSWORD", randomSecret()); // OperatorIT's non-operator
      // The gateway's rate limits, far above what any test sends: RateLimitIT lowers them on a
      // server of its own.
      // the cache's consistency sampler every second (RedisFailsAfterTheDatabaseWriteIT)
      env.put("KEYSTONE_CACHE_CONSISTENCY_INTERVAL_MS", "1000");
      env.put("KEYSTONE_CACHE_CONSISTENCY_SAMPLE", "500");
      env.put("KEYSTONE_RATE_LIMIT_READS_QUOTA", "1000000");
      env.put("KEYSTONE_RATE_LIMIT_WRITES_QUOTA", "1000000");
      env.put("KEYSTONE_RATE_LIMIT_ANONYMOUS_QUOTA", "1000000");
      env.put("KEYSTONE_RATE_LIMIT_READS_WINDOW_SECONDS", "1");
      env.put("KEYSTONE_RATE_LIMIT_WRITES_WINDOW_SECONDS", "1");
      env.put("KEYSTONE_RATE_LIMIT_ANONYMOUS_WINDOW_SECONDS", "1");
      // RateLimitIT's callers alone have small limits of their own (per-caller settings):
      // subjects it-rate-probe-a/-b 5 reads per 200 s, anonymous requests from 127.0.0.3 3 per
      // 120 s (one token back every 40 s: a slow burst on a loaded machine sees no refill mid-way).
      for (var probe : new String[] {"IT_RATE_PROBE_A", "IT_RATE_PROBE_B"}) {
        env.put("KEYSTONE_RATE_LIMIT_READS_CALLER_" + probe + "_QUOTA", "5");
        env.put("KEYSTONE_RATE_LIMIT_READS_CALLER_" + probe + "_WINDOW_SECONDS", "200");
      }
      env.put("KEYSTONE_RATE_LIMIT_ANONYMOUS_CALLER_IP_127_0_0_3_QUOTA", "3");
      env.put("KEYSTONE_RATE_LIMIT_ANONYMOUS_CALLER_IP_127_0_0_3_WINDOW_SECONDS", "120");
      ServerDirectories.createMain(wlp, SERVER_NAME, configDir);
      var liberty = new LibertyServer(wlp, SERVER_NAME, env);
      // as an extra node's: on the shared 2-core machine a start has taken over 3 min
      try {
        liberty.start(Duration.ofMinutes(5));
      } catch (RuntimeException e) {
        liberty.stop(); // a start that timed out leaves its JVM running otherwise
        throw e;
      }
      System.setProperty("keystone.it.http.port", Integer.toString(http));
      return new KeystoneStack(stack, liberty, http, Map.copyOf(env), traces);
    } catch (RuntimeException e) {
      stack.close();
      traces.close();
      throw e;
    }
  }

  /**
   * OpenTelemetry for every server of the run (docs/tracing.md): on, every trace sampled, spans
   * exported over OTLP/HTTP to the receiver in this JVM within a fifth of a second; no metrics or
   * logs exported.
   */
  private static Map<String, String> tracing(TraceReceiver traces) {
    return Map.of(
        "OTEL_SDK_DISABLED", "false",
        "OTEL_SERVICE_NAME", "keystone",
        "OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_METRICS_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
        "OTEL_TRACES_SAMPLER", "always_on",
        "OTEL_BSP_SCHEDULE_DELAY", "200");
  }

  /** The spans every server of the run exported. */
  public TraceReceiver traces() {
    return traces;
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
  public synchronized LibertyServer startExtraServer(String name, Map<String, String> overrides) {
    var wlp = Path.of(System.getProperty("keystone.wlp.dir")).toAbsolutePath();
    var configDir = Path.of(System.getProperty("keystone.server.config.dir")).toAbsolutePath();
    var server = wlp.resolve("usr/servers").resolve(name);
    ServerDirectories.createNode(server, configDir, Path.of(System.getProperty("keystone.ear")));
    var env = new HashMap<>(environment);
    env.put("KEYSTONE_HTTP_PORT", Integer.toString(freePort()));
    env.put("KEYSTONE_HTTPS_PORT", Integer.toString(freePort()));
    // An extra node is a second application server: its consumers stay off unless a test asks,
    // so that consumer-group tests see only the consumer servers they start themselves.
    env.put("KEYSTONE_CONSUMERS_CONNECTOR", "keystone-off");
    // Likewise its outbox sweeper: tests that count what the main server publishes must not see
    // a lingering node sweep part of the backlog. A test of several sweepers turns it on.
    env.put("KEYSTONE_OUTBOX_SWEEPER_ENABLED", "false");
    env.put("OTEL_SERVICE_NAME", name);
    env.putAll(overrides);
    var liberty = new LibertyServer(wlp, name, env);
    extraServers.add(liberty); // stopped with the stack even if it never gets ready
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
  public synchronized LibertyServer startConsumersServer(
      String name, Map<String, String> overrides) {
    var template =
        Path.of(System.getProperty("keystone.wlp.dir"))
            .toAbsolutePath()
            .resolve("usr/servers/keystone-consumers");
    var files = new java.util.LinkedHashMap<String, Path>();
    for (var file :
        java.util.List.of(
            "server.xml",
            "bootstrap.properties",
            "jvm.options",
            "consumers.xml",
            "apps/consumers-module.war")) {
      files.put(file, template.resolve(file));
    }
    // The main server's certificate and LTPA keys (same key store password): generating them takes
    // a consumers-only server most of a minute on a busy machine, within its start deadline.
    var security = liberty.messagesLog().getParent().resolveSibling("resources/security");
    for (var file : java.util.List.of("key.p12", "ltpa.keys")) {
      if (Files.exists(security.resolve(file))) {
        files.put("resources/security/" + file, security.resolve(file));
      }
    }
    // its own HTTPS port (for /metrics), not the main server's from the stack's environment
    var env = new HashMap<String, String>();
    env.put("KEYSTONE_HTTPS_PORT", Integer.toString(freePort()));
    env.putAll(overrides);
    return startApplicationServer(name, files, env);
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
  public synchronized LibertyServer startApplicationServer(
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
      env.put("KEYSTONE_HTTP_PORT", Integer.toString(freePort()));
      env.put("OTEL_SERVICE_NAME", name);
      env.putAll(overrides);
      var liberty = new LibertyServer(wlp, name, env);
      extraServers.add(liberty); // stopped with the stack even if it never gets ready
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
      extraServers.remove(liberty);
      ServerDirectories.deleteRecursively(server.resolve("logs"));
      if (attempt == 3) {
        throw new IllegalStateException(name + " could not bind a free HTTP port 3 times");
      }
    }
  }

  /** The devstack: endpoints and per-service control (stop, kill, start, pause). */
  public DevStack devstack() {
    return stack;
  }

  /** The Liberty server the tests deploy to. */
  public LibertyServer liberty() {
    return liberty;
  }

  /** The base URL of the server, e.g. {@code http://localhost:41234}. */
  public String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  /**
   * The HTTPS base URL of the server (self-signed certificate), e.g. {@code
   * https://localhost:4123}.
   */
  public String httpsBaseUrl() {
    return "https://localhost:" + environment.get("KEYSTONE_HTTPS_PORT");
  }

  /** Mints bearer tokens signed with the stack's key pair (see {@link Api#as}). */
  public dev.keystone.devstack.DevTokens tokens() {
    return new dev.keystone.devstack.DevTokens(stack.jwtKeys());
  }

  /** The environment the server was started with. */
  public Map<String, String> environment() {
    return environment;
  }

  /** A new JDBC connection to the application's database, as the application's user. */
  public Connection database() throws SQLException {
    var e = stack.endpoints();
    return DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword());
  }

  /** A TCP port that was free a moment ago, for a server a test configures itself. */
  public static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String randomSecret() {
    var bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
