package dev.keystone.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Streaming replication between the cluster stack's two PostgreSQL nodes, built from what the
 * bundled binaries hold ({@code initdb}, {@code pg_ctl} and {@code postgres}; no {@code
 * pg_basebackup}, no {@code psql}).
 *
 * <p>On the primary: a replication role ({@link #ROLE}) whose password is generated at the first
 * start and kept in {@code <dataDir>/postgres-replication.password} (mode 600), a {@code
 * pg_hba.conf} entry that lets it replicate over 127.0.0.1 with that password, and a physical
 * replication slot ({@link #SLOT}) that keeps every WAL segment the standby has not yet received,
 * so the standby can never fall behind the primary's WAL retention (at the price of disk space
 * while the standby is down).
 *
 * <p>The standby is a low-level base backup (PostgreSQL's "Making a Base Backup Using the Low Level
 * API"): {@code pg_backup_start()} on a session kept open, a file copy of the running primary's
 * data directory, {@code pg_backup_stop()} and its backup label written into the copy; then {@code
 * standby.signal}, {@code primary_conninfo} and {@code primary_slot_name}. The WAL the copy needs
 * is streamed from the slot, which is made before the backup starts.
 */
final class PostgresReplication {
  static final String ROLE = "replicator";
  static final String SLOT = "keystone_standby";

  /** The standby's {@code application_name}, as {@code pg_stat_replication} shows it. */
  static final String APPLICATION_NAME = "keystone_standby";

  private static final String HBA_LINE = "host replication " + ROLE + " 127.0.0.1/32 scram-sha-256";

  private final Path passwordFile;

  PostgresReplication(Path dataDir) {
    this.passwordFile = dataDir.resolve("postgres-replication.password");
  }

  String password() {
    return PostgresService.secret(passwordFile);
  }

  /**
   * The primary's side, idempotent (every start): the role with the current password, its {@code
   * pg_hba.conf} entry (first, so that it is the line that matches), the slot.
   */
  void preparePrimary(Connection superuser, Path pgData) throws SQLException, IOException {
    try (Statement sql = superuser.createStatement()) {
      sql.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + ROLE
              + "') THEN CREATE ROLE "
              + ROLE
              + " REPLICATION LOGIN; END IF; END $$");
      sql.execute("ALTER ROLE " + ROLE + " REPLICATION LOGIN PASSWORD '" + password() + "'");
      Path hba = pgData.resolve("pg_hba.conf");
      String rules = Files.readString(hba, StandardCharsets.UTF_8);
      if (!rules.contains(HBA_LINE)) {
        Files.writeString(
            hba,
            "# devstack: the cluster stack's standby streams as "
                + ROLE
                + "\n"
                + HBA_LINE
                + "\n"
                + rules,
            StandardCharsets.UTF_8);
        sql.execute("SELECT pg_reload_conf()");
      }
      createSlot(sql);
    }
  }

  /**
   * Copies the running primary into {@code target} (which must not exist) as a standby that streams
   * from {@code primaryPort}.
   */
  void baseBackup(PostgresService primary, Path target, int primaryPort)
      throws SQLException, IOException {
    try (Connection session = primary.connect("postgres", "postgres");
        Statement sql = session.createStatement()) {
      // A fresh slot: an old one would hold WAL back to where an earlier standby stopped.
      sql.execute(
          "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
              + " WHERE slot_name = '"
              + SLOT
              + "' AND NOT active");
      createSlot(sql);
      sql.execute("SELECT pg_backup_start('keystone', true)"); // fast checkpoint
      DataDirectoryCopy.copy(primary.pgData(), target);
      String label;
      String tablespaceMap;
      try (ResultSet stop =
          sql.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop()")) {
        stop.next();
        label = stop.getString(1);
        tablespaceMap = stop.getString(2);
      }
      Files.writeString(target.resolve("backup_label"), label, StandardCharsets.UTF_8);
      if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
        Files.writeString(target.resolve("tablespace_map"), tablespaceMap, StandardCharsets.UTF_8);
      }
    }
    Files.createFile(target.resolve("standby.signal"));
    // As pg_basebackup -R writes them: postgresql.auto.conf lives in the data directory (mode
    // 700), so the password is not on any command line.
    Files.writeString(
        target.resolve("postgresql.auto.conf"),
        "# devstack: a streaming standby of the primary on port "
            + primaryPort
            + "\nprimary_conninfo = 'host=127.0.0.1 port="
            + primaryPort
            + " user="
            + ROLE
            + " password="
            + password()
            + " application_name="
            + APPLICATION_NAME
            + " connect_timeout=2'\nprimary_slot_name = '"
            + SLOT
            + "'\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  private static void createSlot(Statement sql) throws SQLException {
    sql.execute(
        "SELECT pg_create_physical_replication_slot('"
            + SLOT
            + "', true) WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = '"
            + SLOT
            + "')");
  }
}
