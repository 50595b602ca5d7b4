package dev.keystone.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster stack's PostgreSQL pair: the standby streams what the primary commits, stays in
 * recovery and refuses writes; the multi-host URL the application servers get lands on the primary,
 * finds none while the primary is dead and the standby not yet promoted, and finds the promoted
 * standby after {@link DevStack#promotePostgresStandby()} without anything restarted. The rows are
 * read back from each node itself.
 */
@TestMethodOrder(OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class DevPostgresStandbyTest {
  static DevStack stack;
  static ManagedService primary;
  static ManagedService standby;

  @BeforeAll
  static void cluster() {
    stack = SharedCluster.stack();
    primary = stack.postgresNodes().get(0);
    standby = stack.postgresNodes().get(1);
  }

  @Test
  @Order(1)
  void theStandbyStreamsThePrimarysWritesAndStaysInRecovery() throws SQLException {
    assertThat(stack.endpoints().jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://localhost:%d,localhost:%d/keystone?targetServerType=primary"
                + "&sslmode=disable",
            primary.port(), standby.port());
    try (var db = node(primary);
        var sql = db.createStatement()) {
      sql.execute("create table standby_probe (id int primary key)");
      sql.execute("insert into standby_probe select generate_series(1, 100)");
      try (var rs =
          sql.executeQuery(
              "select count(*) from pg_stat_replication where application_name = '"
                  + PostgresReplication.APPLICATION_NAME
                  + "' and state = 'streaming'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the standby streams from the primary").isEqualTo(1);
      }
    }
    try (var db = node(standby);
        var sql = db.createStatement()) {
      assertThat(single(db, "select pg_is_in_recovery()::text")).isEqualTo("true");
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> ids(db).size() == 100);
      assertThatThrownBy(() -> sql.execute("insert into standby_probe values (101)"))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> assertThat(e.getSQLState()).as("read-only transaction").isEqualTo("25006"));
    }
    try (var db = application()) {
      assertThat(single(db, "select inet_server_port()::text"))
          .as("the multi-host URL lands on the primary")
          .isEqualTo(Integer.toString(primary.port()));
    }
  }

  @Test
  @Order(2)
  void aKilledPrimaryIsReplacedByThePromotedStandby() throws SQLException {
    var written = new HashSet<Integer>();
    try (var db = node(primary);
        var sql = db.createStatement()) {
      sql.execute("insert into standby_probe select generate_series(1001, 1500)");
      written.addAll(ids(db));
      String lsn = single(db, "select pg_current_wal_lsn()::text");
      try (var onStandby = node(standby)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () ->
                    "true"
                        .equals(
                            single(
                                onStandby,
                                "select (pg_last_wal_replay_lsn() >= '" + lsn + "')::text")));
      }
    }
    primary.kill();
    long killedAt = System.nanoTime();
    assertThat(primary.isRunning()).as("the primary's processes are gone").isFalse();
    assertThatThrownBy(() -> application().close())
        .as("no primary to connect to until the standby is promoted")
        .isInstanceOf(SQLException.class);

    long promoting = System.nanoTime();
    stack.promotePostgresStandby();
    long promotedAt = System.nanoTime();
    try (var db = application();
        var sql = db.createStatement()) {
      long connectedAt = System.nanoTime();
      assertThat(single(db, "select inet_server_port()::text"))
          .isEqualTo(Integer.toString(standby.port()));
      assertThat(single(db, "select pg_is_in_recovery()::text")).isEqualTo("false");
      var promoted = ids(db);
      assertThat(promoted).as("every row the standby had replayed").isEqualTo(written);
      sql.execute("insert into standby_probe values (2001)");
      System.out.printf(
          Locale.ROOT,
          "FAULT PostgreSQL primary SIGKILLed, standby promoted: rows written %d, on the promoted"
              + " standby %d, lost 0; promotion took %.2f s, the multi-host URL connected %.2f s"
              + " after the kill%n",
          written.size(),
          promoted.size(),
          (promotedAt - promoting) / 1e9,
          (connectedAt - killedAt) / 1e9);
    }
    assertThat(standby.isRunning()).isTrue();
  }

  private static Connection node(ManagedService node) throws SQLException {
    var e = stack.endpoints();
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + node.port() + "/keystone", e.dbUser(), e.dbPassword());
  }

  /** Through the URL the application servers get. */
  private static Connection application() throws SQLException {
    var e = stack.endpoints();
    return DriverManager.getConnection(
        e.jdbcUrl() + "&connectTimeout=2&loginTimeout=5", e.dbUser(), e.dbPassword());
  }

  private static Set<Integer> ids(Connection db) throws SQLException {
    var ids = new HashSet<Integer>();
    try (var sql = db.createStatement();
        var rs = sql.executeQuery("select id from standby_probe")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static String single(Connection db, String query) throws SQLException {
    try (var sql = db.createStatement();
        var rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
