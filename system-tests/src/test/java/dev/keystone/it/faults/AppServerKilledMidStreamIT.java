package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.outbox.OutboxProbe;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An application server SIGKILLed in the middle of a write stream. The stream goes to a second
 * server until it dies, then (as a load balancer would) to the first. Whatever was committed on the
 * dead server — acknowledged or not: a commit can beat the kill while its 201 cannot — is published
 * by the surviving server's sweeper and applied by the audit consumer once: lost = 0.
 */
@KeystoneIT
@Tag("fault")
class AppServerKilledMidStreamIT {

  private static final int WRITES = Faults.size(300, 2_000);
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
    var stream = WriteStream.start(() -> victim.isRunning() ? onVictim : survivor, WRITES, SPAN);
    try {
      await()
          .atMost(SPAN.plus(Duration.ofMinutes(1)))
          .until(() -> stream.answeredSoFar() >= WRITES / 3);
      victim.kill();
      await().atMost(Duration.ofSeconds(30)).until(() -> !victim.isRunning());
      await().atMost(SPAN.plus(Duration.ofMinutes(3))).until(stream::finished);
    } finally {
      stream.close();
    }

    var accepted = stream.accepted();
    var committed = stream.committed();
    assertThat(committed).as("every acknowledged write was committed").containsAll(accepted);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> OutboxProbe.unpublished("product", committed) == 0);
    var seen =
        OutboxProbe.read(
            "keystone.product", Set.copyOf(committed), committed.size(), Duration.ofSeconds(90));
    var delivery = OutboxProbe.Delivery.of(seen);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> WriteStream.audited(committed) >= committed.size());
    long applied = WriteStream.audited(committed);
    FaultReport.of("app server kill -9 mid-stream (%,d writes)".formatted(WRITES))
        .accepted(accepted.size())
        .published(delivery.distinct())
        .applied(applied)
        .duplicatesSuppressed(delivery.records() - delivery.distinct())
        .lost(committed.size() - delivery.distinct())
        .serverErrors(stream.serverErrors())
        .detail(
            "%d committed (%d without an answer: the server died under them, %d unanswered"
                + " writes in all); %s",
            committed.size(), committed.size() - accepted.size(), stream.unanswered(), delivery)
        .print();

    assertThat(stream.serverErrors()).as("5xx answers").isZero();
    assertThat(stream.otherStatus()).as("4xx answers").isZero();
    assertThat(accepted.size() + stream.unanswered())
        .as("every write answered or cut")
        .isEqualTo(WRITES);
    assertThat(delivery.distinct())
        .as("every committed write published")
        .isEqualTo(committed.size());
    assertThat(delivery.disorder()).as("per-key order").isEmpty();
    assertThat(applied).as("audit rows: applied exactly once each").isEqualTo(committed.size());
  }
}
