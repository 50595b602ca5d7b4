package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.outbox.OutboxProbe;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker down in the middle of a write stream (full size: 30 s during 2,000 writes). Every
 * write is still accepted (the request never waits for Kafka), and once the broker is back every
 * accepted write's event is on the topic in version order and applied by the audit consumer exactly
 * once: lost = 0, 5xx = 0.
 */
@KeystoneIT
@Tag("fault")
class BrokerDownDuringWritesIT {

  private static final int WRITES = Faults.size(300, 2_000);
  private static final Duration OUTAGE = Duration.ofSeconds(Faults.size(8, 30));

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void everyAcceptedWriteIsPublishedAndAppliedOnceTheBrokerIsBack() throws Exception {
    var api = Api.keystone();
    OutboxProbe.createProduct(api, "WARM");
    var kafka = KeystoneStack.get().devstack().kafka();
    var span = OUTAGE.multipliedBy(2); // the stream runs before, during and after the outage
    var faults = Executors.newSingleThreadScheduledExecutor();
    var stream = WriteStream.start(() -> api, WRITES, span);
    long[] downAt = new long[2];
    try {
      faults.schedule(
          () -> {
            kafka.stop();
            downAt[0] = System.nanoTime();
          },
          span.toMillis() / 4,
          TimeUnit.MILLISECONDS);
      var restart =
          faults.schedule(
              () -> {
                downAt[1] = System.nanoTime();
                kafka.start();
              },
              span.toMillis() / 4 + OUTAGE.toMillis(),
              TimeUnit.MILLISECONDS);
      await().atMost(span.plus(Duration.ofMinutes(3))).until(stream::finished);
      restart.get(2, TimeUnit.MINUTES);
    } finally {
      if (!kafka.isRunning()) {
        kafka.start();
      }
      faults.shutdownNow();
      stream.close();
    }

    var accepted = stream.accepted();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> OutboxProbe.unpublished("product", accepted) == 0);
    var seen =
        OutboxProbe.read(
            "keystone.product", Set.copyOf(accepted), accepted.size(), Duration.ofSeconds(90));
    var delivery = OutboxProbe.Delivery.of(seen);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> WriteStream.audited(accepted) >= accepted.size());
    long applied = WriteStream.audited(accepted);
    FaultReport.of("broker down %d s during %,d writes".formatted(OUTAGE.toSeconds(), WRITES))
        .accepted(accepted.size())
        .published(delivery.distinct())
        .applied(applied)
        .duplicatesSuppressed(delivery.records() - delivery.distinct())
        .lost(accepted.size() - delivery.distinct())
        .serverErrors(stream.serverErrors())
        .detail(
            "broker down %.1f s; %s; other statuses %d",
            (downAt[1] - downAt[0]) / 1e9, delivery, stream.otherStatus())
        .print();

    assertThat(stream.serverErrors()).as("5xx answers").isZero();
    assertThat(accepted).as("every write accepted, broker or not").hasSize(WRITES);
    assertThat(delivery.distinct()).as("events published").isEqualTo(accepted.size());
    assertThat(delivery.disorder()).as("per-key order").isEmpty();
    assertThat(applied).as("audit rows: applied exactly once each").isEqualTo(accepted.size());
  }
}
