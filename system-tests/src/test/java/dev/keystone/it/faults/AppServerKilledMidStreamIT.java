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
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An application server SIGKILLed in the middle of a write stream that adjusts the same products
 * many times. The stream goes to a second server until it dies, then (as a load balancer would) to
 * the first. Whatever was committed on the dead server, acknowledged or not (a commit can beat the
 * kill while its answer cannot), is published by the surviving server's sweeper, in version order
 * per product, and applied by the audit consumer; nothing that did not commit appears: lost = 0,
 * unexpected = 0.
 */
@KeystoneIT
@Tag("fault")
class AppServerKilledMidStreamIT {

  private static final int PRODUCTS = Faults.size(10, 50);
  private static final int ADJUSTMENTS = Faults.size(30, 40);
  private static final Duration SPAN = Duration.ofSeconds(Faults.size(15, 60));

  private static LibertyServer victim;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @BeforeAll
  static void startVictim() {
    victim = KeystoneStack.get().startExtraServer("keystone-victim", Map.of());
    var warm = new Api("http://localhost:" + victim.httpPort());
    await()
        .atMost(Duration.ofSeconds(180))
        .ignoreExceptions()
        .until(() -> warm.get("/api/products?size=1").status() == 200);
  }

  @AfterAll
  static void stopVictim() {
    if (victim != null && victim.isRunning()) {
      victim.kill();
    }
  }

  @Test
  void everyCommittedWriteOfTheKilledServerIsPublishedAndAppliedOnce() throws Exception {
    var survivor = Api.keystone();
    var onVictim = survivor.at("http://localhost:" + victim.httpPort());
    var stream =
        WriteStream.start(
            () -> victim.isRunning() ? onVictim : survivor, PRODUCTS, ADJUSTMENTS, SPAN);
    var ledger = stream.ledger();
    long pid;
    try {
      await()
          .atMost(SPAN.plus(Duration.ofMinutes(1)))
          .until(() -> stream.answeredSoFar() >= stream.writes() / 3);
      pid = victim.pid().orElseThrow();
      victim.kill();
      await().atMost(Duration.ofSeconds(30)).until(() -> !victim.isRunning());
      assertThat(Processes.dead(pid)).as("victim JVM %d after SIGKILL", pid).isTrue();
      await().atMost(SPAN.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var tally = ledger.converge(Duration.ofMinutes(3));
    FaultReport.of(
            "app server SIGKILLed mid-stream (%,d adjustments of %d products)"
                .formatted(stream.writes(), PRODUCTS))
        .tally(tally)
        .serverErrors(ledger.serverErrors() + ledger.unavailable())
        .detail(
            "%d writes without an answer (the server died under them); %s; %s",
            ledger.noAnswer(), ledger.answerTimes(), ledger)
        .print();

    assertThat(ledger.serverErrors() + ledger.unavailable()).as("5xx answers").isZero();
    assertThat(ledger.clientErrors()).as("4xx answers").isZero();
    Verdicts.assertNothingLostOrInvented(tally);
  }
}
