package dev.keystone.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@link DevStackBuilder#dataDir(Path)} says otherwise) and survives restarts; logs are in its
 * {@code logs/} folder.
 */
public final class DevStack implements AutoCloseable {
  private final Path dataDir;
  private final StackServices services;
  private final Map<String, Duration> startupTimes = new LinkedHashMap<>();
  Thread shutdownHook;
  private JwtKeys jwtKeys;
  private boolean closed;

  DevStack(Path dataDir, StackServices services) {
    this.dataDir = dataDir;
    this.services = services;
  }

  /** A builder: ports and data directory from the environment, else the documented defaults. */
  public static DevStackBuilder builder() {
    return new DevStackBuilder(System.getenv());
  }

  /** How to reach every service. */
  public Endpoints endpoints() {
    return new Endpoints(
        services.jdbcUrl(),
        PostgresService.USER,
        services.postgres.password(),
        services.redisUrl(),
        services.quorum.bootstrap(),
        "localhost",
        services.smtp.port(),
        services.smtp.apiPort());
  }

  /** PostgreSQL; in the cluster stack the node that starts as the primary. */
  public ManagedService postgres() {
    return services.postgres;
  }

  /**
   * The PostgreSQL nodes: the first started as the primary, then its streaming standby (cluster
   * stack only).
   */
  public List<ManagedService> postgresNodes() {
    return services.postgresStandby == null
        ? List.of(services.postgres)
        : List.of(services.postgres, services.postgresStandby);
  }

  /**
   * Promotes the PostgreSQL standby to primary ({@code pg_ctl promote}) and returns once it accepts
   * writes; clients on {@link Endpoints#jdbcUrl()} find it on their next connection. Do not start
   * the old primary again afterwards: it would be a second primary with its own history (the
   * cluster stack has no {@code pg_rewind}; the next run copies the standby afresh).
   *
   * @throws IllegalStateException when this is not the cluster stack, or the standby is not running
   */
  public void promotePostgresStandby() {
    if (services.postgresStandby == null) {
      throw new IllegalStateException("only the cluster stack has a PostgreSQL standby");
    }
    services.postgresStandby.promote();
  }

  /** The Redis that starts as the primary. */
  public ManagedService redis() {
    return services.redis;
  }

  /** Kafka node 1 (the only one unless {@link #isCluster()}). */
  public ManagedService kafka() {
    return services.kafka.get(0);
  }

  public ManagedService smtp() {
    return services.smtp;
  }

  /** Whether this is the cluster stack ({@link DevStackBuilder#cluster()}). */
  public boolean isCluster() {
    return services.isCluster();
  }

  /** Every Kafka node, node 1 first; node n has {@code node.id} n. */
  public List<ManagedService> kafkaNodes() {
    return List.copyOf(services.kafka);
  }

  /** The Redis data nodes: the first primary, then its replica (cluster stack only). */
  public List<ManagedService> redisNodes() {
    return services.redisReplica == null
        ? List.of(services.redis)
        : List.of(services.redis, services.redisReplica);
  }

  /** The Redis Sentinels (cluster stack only; empty otherwise). */
  public List<ManagedService> sentinels() {
    return List.copyOf(services.sentinels);
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
    env.put("KEYSTONE_KAFKA_REPLICATION_FACTOR", Integer.toString(services.quorum.size()));
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
    return services.postgres.pgStatStatements();
  }

  int kafkaControllerPort() {
    return services.kafka.get(0).controllerPort();
  }

  /** The data directory (PostgreSQL data, Kafka log, binaries, {@code logs/}). */
  public Path dataDirectory() {
    return dataDir;
  }

  /**
   * How long each service took to start in {@link DevStackBuilder#start()}, in start order of
   * completion.
   */
  public synchronized Map<String, Duration> startupTimes() {
    return Map.copyOf(startupTimes);
  }

  void startAll() {
    ExecutorService pool = Executors.newFixedThreadPool(services.all().size());
    try {
      List<CompletableFuture<Void>> starts = new ArrayList<>();
      for (ChildProcessService service : services.all()) {
        if (service == services.postgresStandby) {
          continue;
        }
        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> timedStart(service), pool);
        starts.add(start);
        if (service == services.postgres && services.postgresStandby != null) {
          // the standby is a copy of the running primary, made once its roles and slot exist
          starts.add(start.thenRunAsync(() -> timedStart(services.postgresStandby), pool));
        }
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
    for (ChildProcessService service : services.all()) {
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
}
