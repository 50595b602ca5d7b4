package dev.keystone.devstack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one command that runs Keystone locally.
 *
 * <pre>
 *   Main run --wlp &lt;wlp dir&gt; --server &lt;name&gt; [--cluster]   the stack, then Liberty against it
 *   Main stack [--cluster]                                  only the stack
 *   Main token &lt;role&gt; &lt;subject&gt;                  prints a dev bearer token (after a first start)
 * </pre>
 *
 * {@code --cluster} starts the cluster stack (three Kafka nodes, Redis behind Sentinel) with its
 * own data directory {@code .keystone/cluster} unless {@code KEYSTONE_DATA_DIR} names one, and with
 * {@code run} two application servers and two consumers-only servers on it ({@link
 * ClusterServers}).
 *
 * <p>Blocks until Ctrl-C; a shutdown hook then stops Liberty and after it the stack. Exit codes: 2
 * when a port is taken (one line saying which and how to move it), 1 on any other failure (a short
 * message and the log to read).
 */
public final class Main {
  private static final Duration LIBERTY_TIMEOUT = Duration.ofSeconds(180);
  // four servers starting at once on a small machine each take about twice as long as one alone
  private static final Duration CLUSTER_LIBERTY_TIMEOUT = Duration.ofSeconds(480);
  private static final PrintStream OUT = System.out;
  private static final String CLUSTER = "--cluster";

  private final AtomicReference<DevStack> stack = new AtomicReference<>();
  private final AtomicReference<LibertyServer> liberty = new AtomicReference<>();
  private final AtomicReference<LibertyServers> clusterServers = new AtomicReference<>();
  private boolean cluster;

  private Main() {}

  public static void main(String[] args) {
    Main main = new Main();
    Runtime.getRuntime().addShutdownHook(new Thread(main::shutdown, "keystone-shutdown"));
    try {
      main.run(args);
    } catch (PortInUseException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (ServiceStartException e) {
      System.err.println(e.getMessage());
      if (!e.getMessage().contains(e.logFile().toString())) {
        System.err.println("See " + e.logFile());
      }
      System.exit(1);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(usage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      System.err.println(
          "devstack failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      DevStack started = main.stack.get();
      if (started != null) {
        System.err.println("Logs: " + started.dataDirectory().resolve("logs"));
      }
      System.exit(1);
    }
  }

  private void run(String[] args) throws InterruptedException {
    String command = args.length == 0 ? "" : args[0];
    if ("token".equals(command)) {
      printToken(args);
      return;
    }
    Map<String, String> options = options(args);
    cluster = options.containsKey(CLUSTER);
    long begin = System.nanoTime();
    switch (command) {
      case "stack" -> startStack();
      case "run" -> {
        Path wlp = Path.of(required(options, "--wlp"));
        String server = required(options, "--server");
        if (cluster) {
          startClusterServers(wlp, server);
        } else {
          startWithLiberty(wlp, server);
        }
      }
      default -> throw new IllegalArgumentException("Unknown command '" + command + "'.");
    }
    printEndpoints(stack.get());
    OUT.printf("Ready in %s. Press Ctrl-C to stop.%n", seconds(System.nanoTime() - begin));
    new CountDownLatch(1).await();
  }

  private static Path serverDirectory(Path wlp, String serverName) {
    Path serverDir = wlp.resolve("usr/servers").resolve(serverName);
    if (!Files.isExecutable(wlp.resolve("bin/server")) || !Files.isDirectory(serverDir)) {
      throw new IllegalStateException(
          "No Liberty server '"
              + serverName
              + "' in "
              + wlp
              + "; build it first: ./mvnw -DskipTests install");
    }
    return serverDir;
  }

  /** The cluster stack, then its two application and two consumers-only servers at once. */
  private void startClusterServers(Path wlp, String serverName) {
    Path serverDir = serverDirectory(wlp, serverName);
    Map<String, String> env = System.getenv();
    ClusterServers layout = new ClusterServers(wlp, serverName, env);
    LibertySecrets.Loaded secrets = LibertySecrets.load(serverDir, env);
    DevStack started = startStack();
    Map<String, String> serverEnv = new LinkedHashMap<>(started.applicationEnvironment());
    serverEnv.putAll(secrets.values());
    LibertyServers servers = layout.servers(serverEnv);
    clusterServers.set(servers);
    OUT.printf(
        "Starting Liberty: %s, in parallel ...%n", String.join(", ", ClusterServers.INSTANCES));
    long begin = System.nanoTime();
    List<Duration> times = servers.start(CLUSTER_LIBERTY_TIMEOUT);
    OUT.printf("Liberty servers ready in %s%n%n", seconds(System.nanoTime() - begin));
    layout.print(OUT, servers, times);
    printOperator(env, secrets, servers.servers().get(0).httpsPort());
  }

  private void startWithLiberty(Path wlp, String serverName) {
    Path serverDir = serverDirectory(wlp, serverName);
    Map<String, String> env = System.getenv();
    int http = ServicePort.LIBERTY_HTTP.fromEnvironment(env);
    int https = ServicePort.LIBERTY_HTTPS.fromEnvironment(env);
    ServicePort.LIBERTY_HTTP.requireFree(http);
    ServicePort.LIBERTY_HTTPS.requireFree(https);
    LibertySecrets.Loaded secrets = LibertySecrets.load(serverDir, env);
    DevStack started = startStack();

    Map<String, String> serverEnv = new LinkedHashMap<>(started.applicationEnvironment());
    serverEnv.put("KEYSTONE_HTTP_PORT", Integer.toString(http));
    serverEnv.put("KEYSTONE_HTTPS_PORT", Integer.toString(https));
    serverEnv.putAll(secrets.values());
    LibertyServer server = new LibertyServer(wlp, serverName, serverEnv);
    liberty.set(server);
    OUT.printf("Starting Liberty server %s ...%n", serverName);
    long begin = System.nanoTime();
    server.start(LIBERTY_TIMEOUT);
    OUT.printf("Liberty ready in %s%n%n", seconds(System.nanoTime() - begin));
    OUT.printf("  API            http://localhost:%d/api%n", http);
    OUT.printf("  Consumers      http://localhost:%d/consumers%n", http);
    OUT.printf("  Health         http://localhost:%d/health%n", http);
    OUT.printf("  OpenAPI        http://localhost:%d/openapi/ui%n", http);
    printOperator(env, secrets, https);
    OUT.printf("  Liberty logs   %s%n", server.messagesLog().getParent());
  }

  private static void printOperator(
      Map<String, String> env, LibertySecrets.Loaded secrets, int https) {
    OUT.printf("  Bearer tokens  ./token.sh admin alice   ./token.sh customer <customer id>%n");
    String user = env.getOrDefault("KEYSTONE_ADMIN_USER", "operator");
    String password =
        secrets.created()
            ? "password "
                + secrets.values().get(LibertySecrets.ADMIN_PASSWORD)
                + ", kept in "
                + secrets.file()
            : "password in " + secrets.file();
    OUT.printf(
        "  Admin console  https://localhost:%d/adminCenter/  (user %s, %s)%n",
        https, user, password);
  }

  /**
   * {@code token <role> <subject>}: a dev token signed with the key pair the stack generated in its
   * data directory, for {@code Authorization: Bearer ...}. A customer's subject is the customer id.
   */
  private static void printToken(String[] args) {
    if (args.length != 3 || !List.of("admin", "customer").contains(args[1])) {
      throw new IllegalArgumentException("Usage: token admin|customer <subject>");
    }
    String dir = System.getenv("KEYSTONE_DATA_DIR");
    Path data = Path.of(dir == null || dir.isBlank() ? ".keystone/data" : dir);
    if (!Files.exists(data.resolve("jwt/private-key.pem"))) {
      throw new IllegalStateException(
          "No JWT keys in " + data.toAbsolutePath() + "/jwt: start the stack once (./run.sh).");
    }
    OUT.println(new DevTokens(JwtKeys.loadOrCreate(data)).mint(args[1], args[2]));
  }

  private DevStack startStack() {
    OUT.println(
        cluster
            ? "Starting PostgreSQL and Redis (each a primary and a replica), Kafka (3 nodes), SMTP"
            : "Starting PostgreSQL, Redis, Kafka and SMTP ...");
    long begin = System.nanoTime();
    DevStackBuilder builder = DevStack.builder().shutdownHook(false);
    if (cluster) {
      String dir = System.getenv("KEYSTONE_DATA_DIR");
      builder.cluster().dataDir(Path.of(dir == null || dir.isBlank() ? ".keystone/cluster" : dir));
    }
    DevStack started = builder.start();
    stack.set(started);
    StringBuilder times = new StringBuilder();
    started
        .startupTimes()
        .forEach(
            (name, time) ->
                times.append(", ").append(name).append(' ').append(seconds(time.toNanos())));
    OUT.printf("Stack ready in %s (%s)%n", seconds(System.nanoTime() - begin), times.substring(2));
    return started;
  }

  private static void printEndpoints(DevStack stack) {
    Endpoints e = stack.endpoints();
    Path data = stack.dataDirectory();
    OUT.printf(
        "  PostgreSQL     %s  user %s  (password in %s)%s%n",
        e.jdbcUrl(),
        e.dbUser(),
        data.resolve("postgres.password"),
        stack.isCluster() ? "; the first a primary, the second its streaming standby" : "");
    OUT.printf("  Redis          %s%n", e.redisUrl());
    OUT.printf(
        "  Kafka          %s  (controller port %d%s)%n",
        e.kafkaBootstrap(),
        stack.kafkaControllerPort(),
        stack.isCluster() ? " on node 1, +2 per node" : "");
    OUT.printf(
        "  SMTP           %s:%d  (received mail: %s/)%n",
        e.smtpHost(), e.smtpPort(), e.mailApiUrl());
    OUT.printf("  Data and logs  %s  (logs/)%n", data);
  }

  /**
   * Liberty first (it holds connections to the stack), then the stack; each step on its own so one
   * failure cannot skip the rest.
   */
  private void shutdown() {
    LibertyServer server = liberty.getAndSet(null);
    LibertyServers servers = clusterServers.getAndSet(null);
    DevStack started = stack.getAndSet(null);
    if (server != null || servers != null || started != null) {
      OUT.println("Stopping ...");
    }
    if (servers != null) {
      servers.close();
    }
    if (server != null) {
      try {
        server.stop();
      } catch (RuntimeException e) {
        server.kill();
      }
    }
    if (started != null) {
      started.close();
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (CLUSTER.equals(args[i])) {
        options.put(CLUSTER, "true");
        continue;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Unexpected argument '" + args[i] + "'.");
      }
      options.put(args[i], args[++i]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("Missing " + name + ".");
    }
    return value;
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  private static String usage() {
    return "Usage: Main run --wlp <wlp dir> --server <name> [--cluster]   |   Main stack [--cluster]"
        + "   |   Main token admin|customer <subject>";
  }
}
