package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Processes;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every PostgreSQL process (the postmaster and each backend) SIGKILLed in the middle of a write
 * stream, then started again: crash recovery from the write-ahead log, not a clean shutdown.
 * Meanwhile writes answer 503. Afterwards every acknowledged write is in the database with its
 * outbox row, the relay and the sweeper resume by themselves, and the commits that were in flight
 * at the kill (answered 503 or not at all) are either in the database and published (recovered) or
 * absent from both: lost = 0, unexpected = 0.
 */
@KeystoneIT
@Tag("fault")
class PostgresKilledMidStreamIT {

  private static final int PRODUCTS = Faults.size(10, 100);
  private static final int ADJUSTMENTS = Faults.size(20, 50);
  private static final Duration SPAN = Duration.ofSeconds(Faults.size(16, 100));
  private static final Duration OUTAGE = Duration.ofSeconds(Faults.size(5, 15));

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void aCrashedDatabaseKeepsEveryAcknowledgedWriteAndResumesPublishing() throws Exception {
    var api = Api.keystone();
    var postgres = KeystoneStack.get().devstack().postgres();
    var stream = WriteStream.start(() -> api, PRODUCTS, ADJUSTMENTS, SPAN);
    var ledger = stream.ledger();
    int processes;
    double downSeconds;
    long readyMs;
    try {
      await().atMost(SPAN).until(() -> stream.answeredSoFar() >= stream.writes() / 4);
      var tree = Processes.tree(postgres.pid());
      processes = tree.size();
      postgres.kill();
      long down = System.nanoTime();
      assertThat(tree).as("PostgreSQL processes after SIGKILL").allMatch(Processes::dead);
      assertThat(processes).as("the postmaster and its backends").isGreaterThan(1);
      // the fault took effect: writes are refused with 503 while the database is dead
      await().atMost(OUTAGE.plusSeconds(10)).until(() -> ledger.unavailable() > 0);
      Faults.holdFault(down, OUTAGE, () -> !postgres.isRunning());
      downSeconds = (System.nanoTime() - down) / 1e9;
    } finally {
      postgres.start(); // crash recovery
    }
    long back = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/health/ready").status() == 200);
    readyMs = (System.nanoTime() - back) / 1_000_000;
    try {
      await().atMost(SPAN.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var tally = ledger.converge(Duration.ofMinutes(3));
    FaultReport.of(
            "PostgreSQL SIGKILLed (%d processes) %d s during %,d adjustments of %d products"
                .formatted(processes, OUTAGE.toSeconds(), stream.writes(), PRODUCTS))
        .tally(tally)
        .serverErrors(ledger.serverErrors())
        .detail(
            "database dead %.1f s, ready %d ms after its restart; %s; %s",
            downSeconds, readyMs, ledger.answerTimes(), ledger)
        .print();

    assertThat(ledger.unavailable()).as("503 answers while the database was dead").isPositive();
    assertThat(ledger.serverErrors()).as("5xx other than 503").isZero();
    assertThat(ledger.clientErrors()).as("4xx answers").isZero();
    Verdicts.assertNothingLostOrInvented(tally);
  }
}
