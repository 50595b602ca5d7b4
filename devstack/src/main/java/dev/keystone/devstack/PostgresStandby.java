package dev.keystone.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cluster stack's PostgreSQL standby: a hot standby in {@code <dataDir>/postgres-standby} that
 * streams the primary's WAL through a replication slot, on its own port, answering read-only
 * queries ({@code pg_is_in_recovery()} is true) until {@link #promote()} makes it a primary.
 *
 * <p>It is a copy, not a second source of truth: the first start of each devstack run makes it
 * afresh from the running primary ({@link PostgresReplication#baseBackup}), which needs no
 * bookkeeping of what an earlier run did to it (promoted, fallen behind, made from a primary that
 * was deleted since). Later starts in the same run ({@link #start()} after {@link #kill()}) keep
 * its data, as a crashed node's restart does. So the data written to a promoted standby is kept
 * until the stack stops; the next run starts again from the primary's data directory.
 */
final class PostgresStandby extends PostgresService {
  private final PostgresService primary;
  private boolean copied;
  private boolean promoted;

  PostgresStandby(Path dataDir, int port, PostgresService primary) {
    super("PostgreSQL standby", "postgres-standby", dataDir, port, primary.replication());
    this.primary = primary;
  }

  /** Copies the running primary on the first start of this run (the stack starts it second). */
  @Override
  void prepareDataDirectory(Path binaries) throws IOException {
    if (copied && Files.exists(pgData().resolve("PG_VERSION"))) {
      return;
    }
    deleteTree(pgData());
    appendToLog("base backup of the primary on port " + primary.port() + " into " + pgData());
    try {
      replication().baseBackup(primary, pgData(), primary.port());
    } catch (SQLException e) {
      throw new IOException("base backup from the primary failed: " + e.getMessage(), e);
    }
    copied = true;
  }

  /** Nothing to create: everything comes from the primary, and a standby is read-only. */
  @Override
  void afterStart() {}

  /** Whether {@link #promote()} has made it a primary. */
  synchronized boolean promoted() {
    return promoted;
  }

  /**
   * Ends recovery: {@code pg_ctl promote}, which waits until the server accepts writes ({@code
   * select pg_promote()} where the binaries lack {@code pg_ctl}). The old primary must then stay
   * down: started again, it would be a second primary with a history of its own.
   */
  synchronized void promote() {
    if (!isRunning()) {
      throw new IllegalStateException("the PostgreSQL standby is not running");
    }
    try {
      Path pgCtl = PostgresBinaries.install().resolve("bin/pg_ctl");
      if (Files.isExecutable(pgCtl)) {
        runToCompletion(
            OsProcesses.unprivileged(
                List.of(pgCtl.toString(), "promote", "-D", pgData().toString(), "-w", "-t", "60")),
            Duration.ofSeconds(90));
      } else {
        try (Connection admin = connect("postgres", "postgres");
            Statement sql = admin.createStatement()) {
          sql.execute("SELECT pg_promote(true, 60)");
        }
      }
      promoted = true;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Could not promote the PostgreSQL standby: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while promoting the standby", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
