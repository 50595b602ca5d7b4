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
 * The broker frozen with SIGSTOP in the middle of a write stream (full size: 30 s), then thawed
 * with SIGCONT: its connections stay open and nothing answers, so the relay's sends time out with
 * an unknown outcome instead of failing fast. Writes keep being acknowledged at their usual speed,
 * a backlog builds up in the outbox, and afterwards the events on the whole topic are exactly the
 * acknowledged writes, in version order per product, each applied by the audit consumer.
 */
@KeystoneIT
@Tag("fault")
class BrokerFrozenIT {

  private static final int PRODUCTS = Faults.size(10, 100);
  private static final int ADJUSTMENTS = Faults.size(20, 40);
  private static final Duration FREEZE = Duration.ofSeconds(Faults.size(15, 30));
  private static final Duration SPAN = Duration.ofSeconds(Faults.size(30, 90));

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void aFrozenBrokerLosesNoAcknowledgedWriteAndInventsNone() throws Exception {
    var api = Api.keystone();
    var kafka = KeystoneStack.get().devstack().kafka();
    var stream = WriteStream.start(() -> api, PRODUCTS, ADJUSTMENTS, SPAN);
    var ledger = stream.ledger();
    long backlog;
    double downSeconds;
    try {
      await().atMost(SPAN).until(() -> stream.answeredSoFar() >= stream.writes() / 4);
      long pid = kafka.pid();
      kafka.pause();
      long down = System.nanoTime();
      try {
        await()
            .alias(String.format("broker process %d after SIGSTOP", pid))
            .atMost(Duration.ofSeconds(10))
            .until(() -> Processes.state(pid) == 'T');
        // the fault took effect: committed rows wait in the outbox while the broker is frozen
        backlog = await().atMost(FREEZE).until(ledger::backlog, n -> n > 0);
        Faults.holdFault(down, FREEZE, () -> Processes.state(pid) == 'T');
        downSeconds = (System.nanoTime() - down) / 1e9;
      } finally {
        kafka.resume();
      }
      await()
          .alias(String.format("broker process %d after SIGCONT", pid))
          .atMost(Duration.ofSeconds(10))
          .until(() -> Processes.state(pid) != 'T');
    } finally {
      if (!kafka.isRunning()) {
        kafka.start();
      }
    }
    try {
      await().atMost(SPAN.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var tally = ledger.converge(Duration.ofMinutes(3));
    FaultReport.of(
            "broker frozen (SIGSTOP) %d s during %,d adjustments of %d products"
                .formatted(FREEZE.toSeconds(), stream.writes(), PRODUCTS))
        .tally(tally)
        .serverErrors(ledger.serverErrors() + ledger.unavailable())
        .detail(
            "broker frozen %.1f s, outbox backlog %d while frozen; %s; %s",
            downSeconds, backlog, ledger.answerTimes(), ledger)
        .print();

    assertThat(backlog).as("backlog while the broker was frozen").isPositive();
    assertThat(ledger.serverErrors() + ledger.unavailable() + ledger.noAnswer())
        .as("5xx or unanswered: the request never waits for Kafka")
        .isZero();
    assertThat(tally.acknowledged()).as("every write acknowledged").isEqualTo(tally.attempted());
    Verdicts.assertNothingLostOrInvented(tally);
  }
}
