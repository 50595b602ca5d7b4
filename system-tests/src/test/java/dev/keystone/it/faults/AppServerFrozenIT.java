package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Processes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An application server frozen with SIGSTOP (a long GC pause, full size 30 s) while its relay holds
 * claimed outbox rows: rows it has locked and marked in an open transaction, sent to a broker that
 * had not answered yet. The write stream goes to that server until it freezes, then (as a load
 * balancer would) to the main server, whose sweeper runs meanwhile and must neither publish the
 * held rows behind the frozen server's back nor publish later versions of their products ahead of
 * them. After SIGCONT the frozen server finishes or gives back its claims. The whole topic then
 * holds every acknowledged write once or more, in version order per product: lost = 0, unexpected =
 * 0.
 */
@KeystoneIT
@Tag("fault")
class AppServerFrozenIT {

  private static final int PRODUCTS = Faults.size(10, 50);
  private static final int ADJUSTMENTS = Faults.size(30, 40);
  private static final Duration FREEZE = Duration.ofSeconds(Faults.size(15, 30));
  private static final Duration SPAN = FREEZE.multipliedBy(2);

  private static LibertyServer frozen;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @BeforeAll
  static void startSecondServer() {
    frozen = KeystoneStack.get().startExtraServer("keystone-frozen", Map.of());
    var warm = new Api("http://localhost:" + frozen.httpPort());
    await()
        .atMost(Duration.ofSeconds(180))
        .ignoreExceptions()
        .until(() -> warm.get("/api/products?size=1").status() == 200);
  }

  @AfterAll
  static void stopSecondServer() {
    if (frozen != null && frozen.isRunning()) {
      frozen.pid().ifPresent(pid -> Processes.signal(pid, "CONT"));
      frozen.kill();
    }
  }

  @Test
  void aFrozenServersClaimsAreNeitherLostNorOvertaken() throws Exception {
    var main = Api.keystone();
    var onFrozen = main.at("http://localhost:" + frozen.httpPort());
    long pid = frozen.pid().orElseThrow();
    var stopped = new boolean[1];
    var stream = WriteStream.start(() -> stopped[0] ? main : onFrozen, PRODUCTS, ADJUSTMENTS, SPAN);
    var ledger = stream.ledger();
    var kafka = KeystoneStack.get().devstack().kafka();
    long held;
    long openTransactions;
    double frozenSeconds;
    try {
      await().atMost(SPAN).until(() -> stream.answeredSoFar() >= stream.writes() / 3);
      // A broker that does not answer for a moment makes the relay hold its claims while it waits
      // for the acks; the server is frozen while it holds some.
      kafka.pause();
      try {
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> lockedRows(ledger.keys()) > 0);
        Processes.signal(pid, "STOP");
        stopped[0] = true;
      } finally {
        kafka.resume();
      }
      long since = System.nanoTime();
      await()
          .alias(String.format("server JVM %d after SIGSTOP", pid))
          .atMost(Duration.ofSeconds(10))
          .until(() -> Processes.state(pid) == 'T');
      // the fault took effect: the frozen server's transaction stays open, its rows locked
      openTransactions =
          await().atMost(FREEZE).until(AppServerFrozenIT::staleOpenTransactions, n -> n > 0);
      held = lockedRows(ledger.keys());
      Faults.holdFault(since, FREEZE, () -> Processes.state(pid) == 'T');
      frozenSeconds = (System.nanoTime() - since) / 1e9;
    } finally {
      Processes.signal(pid, "CONT");
    }
    await()
        .alias(String.format("server JVM %d after SIGCONT", pid))
        .atMost(Duration.ofSeconds(10))
        .until(() -> Processes.state(pid) != 'T');
    try {
      await().atMost(SPAN.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var tally = ledger.converge(Duration.ofMinutes(3));
    FaultReport.of(
            "app server frozen (SIGSTOP) %d s holding claimed rows (%,d adjustments of %d products)"
                .formatted(FREEZE.toSeconds(), stream.writes(), PRODUCTS))
        .tally(tally)
        .serverErrors(ledger.serverErrors())
        .detail(
            "frozen %.1f s holding %d locked outbox rows (%d transactions left open);"
                + " %d writes unanswered; %s; %s",
            frozenSeconds, held, openTransactions, ledger.noAnswer(), ledger.answerTimes(), ledger)
        .print();

    assertThat(held).as("outbox rows the frozen server held").isPositive();
    // The frozen server's request transactions keep their products' rows locked (a stock change
    // locks its product): the main server's writes to those products wait out the lock timeout and
    // answer 503 with Retry-After, as they should; none of them may leave a trace (unexpected = 0).
    assertThat(ledger.serverErrors()).as("5xx other than 503").isZero();
    assertThat(ledger.clientErrors()).as("4xx answers").isZero();
    Verdicts.assertNothingLostOrInvented(tally);
  }

  /**
   * Outbox rows of these products that another transaction holds locked (claimed and not yet
   * committed): the unpublished ones minus those this connection could lock itself.
   */
  private static long lockedRows(List<String> keys) throws SQLException {
    try (var c = KeystoneStack.get().database()) {
      c.setAutoCommit(false);
      try (var all =
              c.prepareStatement(
                  "select count(*) from outbox where aggregate_type = 'product'"
                      + " and aggregate_id = any(?) and published_at is null");
          var free =
              c.prepareStatement(
                  "select count(*) from (select 1 from outbox where aggregate_type = 'product'"
                      + " and aggregate_id = any(?) and published_at is null"
                      + " for update skip locked) f")) {
        var ids = c.createArrayOf("varchar", keys.toArray());
        all.setArray(1, ids);
        free.setArray(1, ids);
        try (var a = all.executeQuery();
            var f = free.executeQuery()) {
          a.next();
          f.next();
          return a.getLong(1) - f.getLong(1);
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** Transactions on the application's database idle for more than 3 s: a frozen client's. */
  private static long staleOpenTransactions() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and state = 'idle in transaction'"
                    + " and now() - state_change > interval '3 seconds'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
