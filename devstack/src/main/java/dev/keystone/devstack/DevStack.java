package dev.keystone.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole local stack: PostgreSQL, Redis, Kafka and an SMTP server, each its own OS process,
 * started in parallel on fixed documented ports (or free ones for tests). Used by {@link Main} for
 * the one-command run and by tests that need the real engines; fault tests reach each service
 * through {@link #postgres()}, {@link #redis()}, {@link #kafka()} and {@link #smtp()}.
 *
 * <p>Data lives under one directory ({@code ./.keystone/data} unless {@code KEYSTONE_DATA_DIR} or
 * {@link Builder#dataDir(Path)} says otherwise) and survives restarts; logs are in its {@code
 * logs/} folder.
 */
public final class DevStack implements AutoCloseable {
  private final Path dataDir;
  private final PostgresService postgres;
  private final RedisService redis;
  private final KafkaService kafka;
  private final SmtpService smtp;
  private final Map<String, Duration> startupTimes = new LinkedHashMap<>();
  private Thread shutdownHook;
  private JwtKeys jwtKeys;
  private boolean closed;

  private DevStack(Path dataDir, Map<ServicePort, Integer> ports) {
    this.dataDir = dataDir;
    this.postgres = new PostgresService(dataDir, ports.get(ServicePort.POSTGRES));
    this.redis = new RedisService(dataDir, ports.get(ServicePort.REDIS));
    this.kafka =
        new KafkaService(
            dataDir, ports.get(ServicePort.KAFKA), ports.get(ServicePort.KAFKA_CONTROLLER));
    this.smtp =
        new SmtpService(dataDir, ports.get(ServicePort.SMTP), ports.get(ServicePort.SMTP_API));
  }

  /** A builder: ports and data directory from the environment, else the documented defaults. */
  public static Builder builder() {
    return new Builder(System.getenv());
  }

  /** How to reach every service. */
  public Endpoints endpoints() {
    return new Endpoints(
        postgres.jdbcUrl(),
        PostgresService.USER,
        postgres.password(),
        redis.url(),
        kafka.bootstrap(),
        "localhost",
        smtp.port(),
        smtp.apiPort());
  }

  public ManagedService postgres() {
    return postgres;
  }

  public ManagedService redis() {
    return redis;
  }

  public ManagedService kafka() {
    return kafka;
  }

  public ManagedService smtp() {
    return smtp;
  }

  /** Environment variables for the application server, named as in docs/operations.md. */
  public Map<String, String> applicationEnvironment() {
    Endpoints endpoints = endpoints();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KEYSTONE_DB_URL", endpoints.jdbcUrl());
    env.put("KEYSTONE_DB_USER", endpoints.dbUser());
    env.put("KEYSTONE_DB_PASSWORD", endpoints.dbPassword());
    env.put("KEYSTONE_REDIS_URL", endpoints.redisUrl());
    env.put("KEYSTONE_KAFKA_BOOTSTRAP", endpoints.kafkaBootstrap());
    env.put("KEYSTONE_SMTP_HOST", endpoints.smtpHost());
    env.put("KEYSTONE_SMTP_PORT", Integer.toString(endpoints.smtpPort()));
    env.put("KEYSTONE_JWT_PUBLIC_KEY", jwtKeys().publicKeyFile().toString());
    env.put("KEYSTONE_JWT_ISSUER", JwtKeys.DEV_ISSUER);
    env.put("KEYSTONE_JWT_AUDIENCE", JwtKeys.DEV_AUDIENCE);
    return Map.copyOf(env);
  }

  /**
   * The stack's token signing keys ({@code <dataDir>/jwt}), generated on first use and kept with
   * the data; {@link DevTokens} mints tokens the gateway accepts.
   */
  public synchronized JwtKeys jwtKeys() {
    if (jwtKeys == null) {
      jwtKeys = JwtKeys.loadOrCreate(dataDir);
    }
    return jwtKeys;
  }

  /**
   * Whether PostgreSQL runs with {@code pg_stat_statements} preloaded and created in the keystone
   * database.
   */
  public boolean pgStatStatementsEnabled() {
    return postgres.pgStatStatements();
  }

  int kafkaControllerPort() {
    return kafka.controllerPort();
  }

  /** The data directory (PostgreSQL data, Kafka log, binaries, {@code logs/}). */
  public Path dataDirectory() {
    return dataDir;
  }

  /**
   * How long each service took to start in {@link Builder#start()}, in start order of completion.
   */
  public synchronized Map<String, Duration> startupTimes() {
    return Map.copyOf(startupTimes);
  }

  private List<ChildProcessService> services() {
    return List.of(postgres, redis, kafka, smtp);
  }

  private void startAll() {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> starts = new ArrayList<>();
      for (ChildProcessService service : services()) {
        starts.add(CompletableFuture.runAsync(() -> timedStart(service), pool));
      }
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      pool.shutdown();
    }
  }

  private void timedStart(ChildProcessService service) {
    long begin = System.nanoTime();
    service.start();
    synchronized (this) {
      startupTimes.put(service.name(), Duration.ofNanos(System.nanoTime() - begin));
    }
  }

  /**
   * Stops every service (in parallel: they do not depend on each other) and waits for them;
   * idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Thread> stops = new ArrayList<>();
    for (ChildProcessService service : services()) {
      Thread stop = new Thread(() -> stopOrKill(service), "devstack-stop-" + service.name());
      stop.start();
      stops.add(stop);
    }
    for (Thread stop : stops) {
      try {
        stop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }

  private static void stopOrKill(ChildProcessService service) {
    try {
      service.stop();
    } catch (RuntimeException e) {
      service.kill();
    }
  }

  /** Configures and starts a {@link DevStack}. */
  public static final class Builder {
    private final Map<ServicePort, Integer> ports = new EnumMap<>(ServicePort.class);
    private Path dataDir;
    private boolean randomPorts;
    private boolean shutdownHook = true;

    Builder(Map<String, String> env) {
      for (ServicePort port : ServicePort.STACK) {
        ports.put(port, port.fromEnvironment(env));
      }
      String dir = env.get("KEYSTONE_DATA_DIR");
      dataDir = Path.of(dir == null || dir.isBlank() ? ".keystone/data" : dir);
    }

    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /**
     * Free ports for every service, picked at {@link #start()} (tests; overrides the other port
     * settings).
     */
    public Builder randomPorts() {
      this.randomPorts = true;
      return this;
    }

    public Builder postgresPort(int p) {
      return port(ServicePort.POSTGRES, p);
    }

    public Builder redisPort(int p) {
      return port(ServicePort.REDIS, p);
    }

    public Builder kafkaPort(int p) {
      return port(ServicePort.KAFKA, p);
    }

    public Builder kafkaControllerPort(int p) {
      return port(ServicePort.KAFKA_CONTROLLER, p);
    }

    public Builder smtpPort(int p) {
      return port(ServicePort.SMTP, p);
    }

    /**
     * Port of GreenMail's REST API, where received mail is read ({@code KEYSTONE_SMTP_API_PORT}).
     */
    public Builder smtpApiPort(int p) {
      return port(ServicePort.SMTP_API, p);
    }

    /**
     * Whether the stack registers a JVM shutdown hook that closes it (default true). An owner that
     * orders its own shutdown (Liberty before the stack) turns it off and closes the stack itself.
     */
    public Builder shutdownHook(boolean enabled) {
      this.shutdownHook = enabled;
      return this;
    }

    private Builder port(ServicePort which, int p) {
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException(which.service + " port must be 1-65535, not " + p);
      }
      ports.put(which, p);
      return this;
    }

    /**
     * Checks that every port is free, then starts all four services in parallel and returns once
     * each answers.
     *
     * @throws PortInUseException before starting anything, when a port is taken
     * @throws ServiceStartException when a service does not come up (the others are stopped again)
     */
    public DevStack start() {
      Path dir = dataDir.toAbsolutePath().normalize();
      Orphans.reap(dir);
      Map<ServicePort, Integer> chosen =
          randomPorts ? ServicePort.freePorts(ServicePort.STACK) : ports;
      for (ServicePort port : ServicePort.STACK) {
        port.requireFree(chosen.get(port));
      }
      DevStack stack = new DevStack(dir, chosen);
      if (shutdownHook) {
        stack.shutdownHook = new Thread(stack::close, "devstack-shutdown");
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
      }
      stack.startAll();
      return stack;
    }
  }
}
