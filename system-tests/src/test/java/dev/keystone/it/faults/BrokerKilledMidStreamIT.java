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
 * The broker SIGKILLed in the middle of a write stream that adjusts the same products many times,
 * then restarted: a crash, not a clean stop, so sends in flight have an unknown outcome. Writes
 * keep being acknowledged (the request never waits for Kafka), a backlog builds up in the outbox,
 * and afterwards the events on the whole topic are exactly the acknowledged writes, in version
 * order per product, each applied by the audit consumer; records the broker appended but never
 * acknowledged come again (duplicated on the topic, suppressed by the consumers).
 */
@KeystoneIT
@Tag("fault")
class BrokerKilledMidStreamIT {

  private static final int PRODUCTS = Faults.size(10, 100);
  private static final int ADJUSTMENTS = Faults.size(20, 40);
  private static final Duration SPAN = Duration.ofSeconds(Faults.size(16, 90));
  private static final Duration OUTAGE = Duration.ofSeconds(Faults.size(6, 20));

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void aKilledBrokerLosesNoAcknowledgedWriteAndInventsNone() throws Exception {
    var api = Api.keystone();
    var kafka = KeystoneStack.get().devstack().kafka();
    var stream = WriteStream.start(() -> api, PRODUCTS, ADJUSTMENTS, SPAN);
    var ledger = stream.ledger();
    long backlog;
    double downSeconds;
    try {
      await().atMost(SPAN).until(() -> stream.answeredSoFar() >= stream.writes() / 4);
      long pid = kafka.pid();
      kafka.kill();
      long down = System.nanoTime();
      assertThat(Processes.dead(pid)).as("broker process %d after SIGKILL", pid).isTrue();
      // the fault took effect: committed rows wait in the outbox while the broker is dead
      backlog = await().atMost(OUTAGE).until(ledger::backlog, n -> n > 0);
      Faults.holdFault(down, OUTAGE, () -> !kafka.isRunning());
      downSeconds = (System.nanoTime() - down) / 1e9;
    } finally {
      kafka.start();
    }
    try {
      await().atMost(SPAN.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var tally = ledger.converge(Duration.ofMinutes(3));
    FaultReport.of(
            "broker SIGKILLed %d s during %,d adjustments of %d products"
                .formatted(OUTAGE.toSeconds(), stream.writes(), PRODUCTS))
        .tally(tally)
        .serverErrors(ledger.serverErrors() + ledger.unavailable())
        .detail(
            "broker dead %.1f s, outbox backlog %d while dead; %s; %s",
            downSeconds, backlog, ledger.answerTimes(), ledger)
        .print();

    assertThat(backlog).as("backlog while the broker was dead").isPositive();
    assertThat(ledger.serverErrors() + ledger.unavailable() + ledger.noAnswer())
        .as("5xx or unanswered: the request never waits for Kafka")
        .isZero();
    assertThat(tally.acknowledged()).as("every write acknowledged").isEqualTo(tally.attempted());
    Verdicts.assertNothingLostOrInvented(tally);
  }
}
