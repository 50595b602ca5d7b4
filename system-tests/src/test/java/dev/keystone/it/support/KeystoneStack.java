package dev.keystone.it.support;

import dev.keystone.devstack.DevStack;
import dev.keystone.devstack.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
  private final ExtraServers extraServers;

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
    this.extraServers = new ExtraServers(env, liberty);
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
        instance.extraServers.stopAll();
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
   * Creates and starts one more application server on the same stack, with the built EAR; see
   * {@link ExtraServers#startNode}.
   */
  public LibertyServer startExtraServer(String name, Map<String, String> overrides) {
    return extraServers.startNode(name, overrides);
  }

  /** Creates and starts a consumers-only server on the same stack; see {@link ExtraServers}. */
  public LibertyServer startConsumersServer(String name, Map<String, String> overrides) {
    return extraServers.startConsumers(name, overrides);
  }

  /**
   * Creates and starts a Liberty server of some application on the same stack; see {@link
   * ExtraServers#startApplication}.
   */
  public LibertyServer startApplicationServer(
      String name, Map<String, Path> files, Map<String, String> overrides) {
    return extraServers.startApplication(name, files, overrides);
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
