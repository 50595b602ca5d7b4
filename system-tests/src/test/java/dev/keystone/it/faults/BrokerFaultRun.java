package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.ManagedService;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * What the broker fault tests share: a write stream that adjusts the same products many times, the
 * broker's fault a quarter of the way in, and the verdict from independent observers (the
 * acknowledged writes, the whole topic, the audit consumer's effects). The request never waits for
 * Kafka, so every write must be acknowledged; the fault must first show as an outbox backlog; and
 * afterwards nothing acknowledged may be missing from the topic and nothing there may lack its
 * committed write.
 */
final class BrokerFaultRun {

  /** How a test breaks the broker and mends it. */
  interface BrokerFault {

    /**
     * Breaks the broker and asserts that the fault took effect.
     *
     * @return true for as long as the fault lasts (the process dead, or stopped)
     */
    Callable<Boolean> inject(ManagedService kafka);

    /** Ends the fault; called whatever happened while it lasted. */
    void end(ManagedService kafka);
  }

  private BrokerFaultRun() {}

  /**
   * @param name what happened to the broker, e.g. {@code "SIGKILLed"}, for the report
   * @param state the broker's state meanwhile, e.g. {@code "dead"}, for the report
   */
  static void run(
      String name,
      String state,
      int products,
      int adjustments,
      Duration span,
      Duration outage,
      BrokerFault fault)
      throws Exception {
    var api = Api.keystone();
    var kafka = KeystoneStack.get().devstack().kafka();
    var stream = WriteStream.start(() -> api, products, adjustments, span);
    var ledger = stream.ledger();
    long backlog;
    double downSeconds;
    try {
      await().atMost(span).until(() -> stream.answeredSoFar() >= stream.writes() / 4);
      long down = System.nanoTime();
      try {
        var lasting = fault.inject(kafka);
        // the fault took effect: committed rows wait in the outbox while the broker is away
        backlog = await().atMost(outage).until(ledger::backlog, n -> n > 0);
        Faults.holdFault(down, outage, lasting);
        downSeconds = (System.nanoTime() - down) / 1e9;
      } finally {
        fault.end(kafka);
      }
    } finally {
      if (!kafka.isRunning()) {
        kafka.start();
      }
    }
    try {
      await().atMost(span.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var tally = ledger.converge(Duration.ofMinutes(3));
    FaultReport.of(
            "broker %s %d s during %,d adjustments of %d products"
                .formatted(name, outage.toSeconds(), stream.writes(), products))
        .tally(tally)
        .serverErrors(ledger.serverErrors() + ledger.unavailable())
        .detail(
            "broker %s %.1f s, outbox backlog %d while %s; %s; %s",
            state, downSeconds, backlog, state, ledger.answerTimes(), ledger)
        .print();

    assertThat(backlog).as("backlog while the broker was " + state).isPositive();
    assertThat(ledger.serverErrors() + ledger.unavailable() + ledger.noAnswer())
        .as("5xx or unanswered: the request never waits for Kafka")
        .isZero();
    assertThat(tally.acknowledged()).as("every write acknowledged").isEqualTo(tally.attempted());
    Verdicts.assertNothingLostOrInvented(tally);
  }
}
