package dev.keystone.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The system of record (the architecture's PostgreSQL box): a real PostgreSQL 17 from zonky's
 * binaries, its postmaster a child process of devstack on a persistent data directory ({@code
 * <dataDir>/postgres}, never cleaned).
 *
 * <p>Authentication is real: every TCP connection needs a password (scram-sha-256). One password is
 * generated on the first start and kept in {@code <dataDir>/postgres.password} (mode 600); it
 * belongs to the {@code keystone} role, owner of the {@code keystone} database, and to the {@code
 * postgres} superuser that devstack uses to create them. Unix sockets are off, so nothing clashes
 * with a system PostgreSQL. {@code pg_stat_statements} is preloaded and created in {@code keystone}
 * when the binaries ship it.
 *
 * <p>In the cluster stack it is also the primary of a streaming standby ({@link PostgresStandby}):
 * it then runs with the settings replication needs and, on every start, makes sure of the
 * replication role, its {@code pg_hba.conf} entry and the standby's slot ({@link
 * PostgresReplication}).
 */
class PostgresService extends ChildProcessService {
  static final String DATABASE = "keystone";
  static final String USER = "keystone";

  private final Path pgData;
  private final Path passwordFile;
  private final PostgresReplication replication;
  private boolean pgStatStatements;

  PostgresService(Path dataDir, int port) {
    this(dataDir, port, null);
  }

  /** The primary of a standby when {@code replication} is not null. */
  PostgresService(Path dataDir, int port, PostgresReplication replication) {
    this("PostgreSQL", "postgres", dataDir, port, replication);
  }

  PostgresService(
      String name, String dirName, Path dataDir, int port, PostgresReplication replication) {
    super(name, dataDir, port, dataDir.resolve("logs/" + dirName + ".log"));
    this.pgData = dataDir.resolve(dirName);
    this.passwordFile = dataDir.resolve("postgres.password");
    this.replication = replication;
  }

  Path pgData() {
    return pgData;
  }

  PostgresReplication replication() {
    return replication;
  }

  String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** The password of {@code keystone} (and of {@code postgres}); created on first use. */
  String password() {
    return secret(passwordFile);
  }

  /** A generated password kept in {@code file} (mode 600), made on first use. */
  static synchronized String secret(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read or create " + file, e);
    }
  }

  /** Whether {@code pg_stat_statements} is loaded (known once the server has started). */
  synchronized boolean pgStatStatements() {
    return pgStatStatements;
  }

  @Override
  List<String> command() throws IOException {
    Path binaries = PostgresBinaries.install();
    pgStatStatements = PostgresBinaries.hasPgStatStatements(binaries);
    prepareDataDirectory(binaries);
    List<String> command = new ArrayList<>();
    command.add(binaries.resolve("bin/postgres").toString());
    command.addAll(List.of("-D", pgData.toString(), "-p", Integer.toString(port())));
    setting(command, "listen_addresses", "127.0.0.1");
    setting(command, "unix_socket_directories", "");
    setting(command, "max_connections", "200");
    setting(command, "timezone", "UTC");
    if (pgStatStatements) {
      setting(command, "shared_preload_libraries", "pg_stat_statements");
    }
    if (replication != null) {
      // both nodes of the pair: a hot standby needs these at least as high as its primary's
      setting(command, "wal_level", "replica");
      setting(command, "max_wal_senders", "10");
      setting(command, "max_replication_slots", "10");
      setting(command, "hot_standby", "on");
    }
    return OsProcesses.unprivileged(command);
  }

  /** The data directory before the server starts: created by initdb the first time. */
  void prepareDataDirectory(Path binaries) throws IOException {
    if (!Files.exists(pgData.resolve("PG_VERSION"))) {
      initdb(binaries);
    }
  }

  private void initdb(Path binaries) throws IOException {
    String password = password(); // initdb reads the superuser's password from the file
    if (password.isEmpty()) {
      throw new IOException(passwordFile + " is empty");
    }
    try {
      runToCompletion(
          OsProcesses.unprivileged(
              List.of(
                  binaries.resolve("bin/initdb").toString(),
                  "-D",
                  pgData.toString(),
                  "-U",
                  "postgres",
                  "-E",
                  "UTF8",
                  "--locale=C",
                  "--auth=scram-sha-256",
                  "--pwfile=" + passwordFile)),
          Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during initdb", e);
    }
  }

  private static void setting(List<String> command, String key, String value) {
    command.add("-c");
    command.add(key + "=" + value);
  }

  @Override
  boolean answers() {
    try (Connection connection = connect("postgres", "postgres");
        Statement statement = connection.createStatement()) {
      return statement.execute("select 1");
    } catch (SQLException e) {
      return false;
    }
  }

  /** Creates the keystone role and database when missing; idempotent, so it runs on every start. */
  @Override
  void afterStart() throws SQLException, IOException {
    String password = password().replace("'", "''");
    try (Connection admin = connect("postgres", "postgres");
        Statement sql = admin.createStatement()) {
      sql.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + USER
              + "') THEN CREATE ROLE "
              + USER
              + " LOGIN; END IF; END $$");
      sql.execute("ALTER ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
      sql.execute("GRANT pg_read_all_stats TO " + USER);
      if (!sql.executeQuery("SELECT FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
        sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
      }
    }
    if (pgStatStatements) {
      try (Connection admin = connect("postgres", DATABASE);
          Statement sql = admin.createStatement()) {
        sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      }
    }
    if (replication != null) {
      try (Connection admin = connect("postgres", "postgres")) {
        replication.preparePrimary(admin, pgData);
      }
    }
  }

  /**
   * Fast shutdown (SIGINT): rolls back open transactions and disconnects clients, unlike SIGTERM's
   * smart mode.
   */
  @Override
  void requestStop(Process running) {
    OsProcesses.signal(running.pid(), "INT");
  }

  /** A connection to this server as {@code user} (devstack's password) to {@code database}. */
  Connection connect(String user, String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password());
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("socketTimeout", "10");
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  /**
   * The local server speaks no TLS, and says so: with the driver's default {@code sslmode=prefer} a
   * new connection to a hung server is tried twice (TLS, then plain), doubling its wait
   * (docs/operations.md#database-deadlines).
   */
  private String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database + "?sslmode=disable";
  }
}
