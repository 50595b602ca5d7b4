package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.ManagedService;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.Processes;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL primary SIGKILLed under a stream of product creations spread over both application
 * servers; the standby promoted ({@code pg_ctl promote}) after an outage an operator or a failover
 * tool would take to decide; writes answer 201 again through the multi-host URL the servers already
 * have, without a Liberty restart. Replication is asynchronous (docs/operations.md, "The cluster
 * stack"), so an acknowledged write may be lost if it had not reached the standby: the test counts
 * those honestly and asserts only that they lie within the documented loss window. Counted as sets
 * keyed by SKU from independent observers: the 201 answers, the rows of the promoted database, and
 * the whole topic read by a plain consumer.
 *
 * <p>The cluster's PostgreSQL stays the promoted standby afterwards (the old primary stays down):
 * the cluster tests that run later reach it through the same multi-host URL.
 */
@Tag("fault")
class PostgresPrimaryKilledIT {
  /** Asynchronous replication's loss window as docs/operations.md states it. */
  private static final Duration LOSS_WINDOW = Duration.ofSeconds(2);

  private static ClusterStack cluster;

  @BeforeAll
  static void startCluster() {
    cluster = ClusterStack.get();
  }

  @Test
  void theStandbyIsPromotedAndWritesAnswer201AgainWithoutARestart() throws Exception {
    int creations = Faults.size(600, 3_000);
    var span = Duration.ofSeconds(Faults.size(30, 120));
    var outage = Duration.ofSeconds(Faults.size(3, 10));
    var primary = cluster.engines.postgresNodes().get(0);
    var standby = cluster.engines.postgresNodes().get(1);
    var servers = List.of(cluster.server, cluster.serverB);
    var libertyPids = servers.stream().map(s -> s.pid().orElseThrow()).toList();
    var turn = new AtomicLong();
    Supplier<Api> balancer = () -> turn.getAndIncrement() % 2 == 0 ? cluster.api : cluster.apiB;
    try (var stream = CreationStream.start(balancer, creations, span)) {
      await().atMost(Duration.ofSeconds(120)).until(() -> stream.answered() >= creations / 3);
      String lag = replicationLag(primary);
      var tree = Processes.tree(primary.pid());
      primary.kill();
      long killedAt = System.nanoTime();
      assertThat(tree).as("the primary's processes after SIGKILL").allMatch(Processes::dead);
      // the fault took effect: with no primary, writes fail
      await().atMost(Duration.ofSeconds(30)).until(() -> stream.failuresAfter(killedAt) > 0);
      Faults.holdFault(killedAt, outage, () -> !primary.isRunning());
      long promoting = System.nanoTime();
      cluster.engines.promotePostgresStandby();
      long promotedAt = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> stream.firstAcknowledgedSentAfter(promotedAt).isPresent());
      await().atMost(span.plus(Duration.ofMinutes(2))).until(stream::finished);

      var writes = stream.writes();
      long acknowledgedWithoutPrimary =
          writes.stream()
              .filter(w -> w.acknowledged() && w.sentAt() > killedAt && w.answeredAt() < promoting)
              .count();
      long lastBefore =
          writes.stream()
              .filter(w -> w.acknowledged() && w.answeredAt() < killedAt)
              .mapToLong(CreationStream.Write::answeredAt)
              .max()
              .orElseThrow();
      long firstAfter = stream.firstAcknowledgedSentAfter(killedAt).orElseThrow();
      long unavailable = writes.stream().filter(w -> w.status() == 503).count();
      long otherErrors =
          writes.stream().filter(w -> w.status() >= 500 && w.status() != 503).count();
      long clientErrors =
          writes.stream().filter(w -> w.status() >= 400 && w.status() < 500).count();
      long noAnswer = writes.stream().filter(w -> w.status() < 0).count();
      var tally = FailoverTally.of(cluster, stream, killedAt, LOSS_WINDOW);

      FaultReport.of(
              "PostgreSQL primary SIGKILLed under creations on two servers, standby promoted")
          .accepted(tally.acknowledged().size())
          .published(tally.onTopic().size())
          .lost(tally.lost().size())
          .serverErrors(otherErrors)
          .detail(
              "%d creations round robin over both application servers, the primary killed after"
                  + " %d answered (replication lag just before: %s); promoted %.1f s after the"
                  + " kill (pg_ctl promote %.2f s); no 201 for %.1f s (last before the kill to"
                  + " first after), the first %.2f s after the promotion; during the outage 503 %d,"
                  + " no answer %d; %s; Liberty not restarted",
              creations,
              writes.stream().filter(w -> w.answeredAt() < killedAt).count(),
              lag,
              (promoting - killedAt) / 1e9,
              (promotedAt - promoting) / 1e9,
              (firstAfter - lastBefore) / 1e9,
              (stream.firstAcknowledgedSentAfter(promotedAt).getAsLong() - promotedAt) / 1e9,
              unavailable,
              noAnswer,
              tally.figures())
          .print();

      assertThat(stream.failuresAfter(killedAt)).as("writes failed after the kill").isPositive();
      assertThat(acknowledgedWithoutPrimary).as("201 while there was no primary").isZero();
      assertThat(standby.isRunning()).isTrue();
      assertThat(tally.servedBy()).as("the database behind the URL").isEqualTo(standby.port());
      assertThat(servers).allMatch(s -> s.isRunning());
      assertThat(servers.stream().map(s -> s.pid().orElseThrow()).toList())
          .as("the same Liberty processes")
          .isEqualTo(libertyPids);
      assertThat(otherErrors).as("5xx other than 503").isZero();
      assertThat(clientErrors).as("4xx").isZero();
      tally.assertSafe();
    }
  }

  /**
   * What the standby had not yet received, flushed and replayed, read on the primary: bytes of WAL
   * behind, and the last replay lag the primary measured.
   */
  private static String replicationLag(ManagedService primary) throws SQLException {
    var e = cluster.engines.endpoints();
    try (var c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + primary.port() + "/keystone",
                e.dbUser(),
                e.dbPassword());
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "select pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn),"
                    + " pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),"
                    + " coalesce(extract(epoch from replay_lag) * 1000, 0)"
                    + " from pg_stat_replication where application_name = 'keystone_standby'")) {
      assertThat(rs.next()).as("the standby streams before the kill").isTrue();
      return "%d bytes not flushed on the standby, %d not replayed, replay lag %.1f ms"
          .formatted(rs.getLong(1), rs.getLong(2), rs.getDouble(3));
    }
  }
}
