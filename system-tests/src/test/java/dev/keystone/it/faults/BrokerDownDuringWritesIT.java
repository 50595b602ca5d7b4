package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped (its clean shutdown) in the middle of a write stream that adjusts the same
 * products many times (full size: 30 s during 50 × 40 adjustments). Every write is still
 * acknowledged (the request never waits for Kafka), a backlog builds up in the outbox meanwhile,
 * and once the broker is back the set of events on the topic is exactly the set of acknowledged
 * writes, in version order per product, each applied by the audit consumer: lost = 0, unexpected =
 * 0, 5xx = 0.
 */
@KeystoneIT
@Tag("fault")
class BrokerDownDuringWritesIT {

  private static final int PRODUCTS = Faults.size(10, 50);
  private static final int ADJUSTMENTS = Faults.size(20, 40);
  private static final Duration OUTAGE = Duration.ofSeconds(Faults.size(8, 30));

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void everyAcknowledgedWriteIsPublishedAndAppliedOnceTheBrokerIsBack() throws Exception {
    var api = Api.keystone();
    var kafka = KeystoneStack.get().devstack().kafka();
    var span = OUTAGE.multipliedBy(2); // the stream runs before, during and after the outage
    var stream = WriteStream.start(() -> api, PRODUCTS, ADJUSTMENTS, span);
    var ledger = stream.ledger();
    long backlog;
    double downSeconds;
    try {
      await().atMost(span).until(() -> stream.answeredSoFar() >= stream.writes() / 4);
      kafka.stop();
      long down = System.nanoTime();
      // the fault took effect: committed rows wait in the outbox while the broker is away
      backlog = await().atMost(OUTAGE).until(ledger::backlog, n -> n > 0);
      Faults.holdFault(down, OUTAGE, () -> !kafka.isRunning());
      downSeconds = (System.nanoTime() - down) / 1e9;
    } finally {
      kafka.start();
    }
    try {
      await().atMost(span.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var tally = ledger.converge(Duration.ofMinutes(3));
    FaultReport.of(
            "broker down %d s during %,d adjustments of %d products"
                .formatted(OUTAGE.toSeconds(), stream.writes(), PRODUCTS))
        .tally(tally)
        .serverErrors(ledger.serverErrors() + ledger.unavailable())
        .detail(
            "broker down %.1f s, outbox backlog %d while down; %s; %s",
            downSeconds, backlog, ledger.answerTimes(), ledger)
        .print();

    assertThat(backlog).as("backlog while the broker was away").isPositive();
    assertThat(ledger.serverErrors() + ledger.unavailable() + ledger.noAnswer())
        .as("5xx or unanswered: the request never waits for Kafka")
        .isZero();
    assertThat(tally.acknowledged()).as("every write acknowledged").isEqualTo(tally.attempted());
    Verdicts.assertNothingLostOrInvented(tally);
  }
}
