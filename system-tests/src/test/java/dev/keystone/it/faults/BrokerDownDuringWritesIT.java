package dev.keystone.it.faults;

import dev.keystone.devstack.ManagedService;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import java.time.Duration;
import java.util.concurrent.Callable;
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
    BrokerFaultRun.run(
        "down",
        "down",
        PRODUCTS,
        ADJUSTMENTS,
        OUTAGE.multipliedBy(2), // the stream runs before, during and after the outage
        OUTAGE,
        new BrokerFaultRun.BrokerFault() {
          @Override
          public Callable<Boolean> inject(ManagedService kafka) {
            kafka.stop();
            return () -> !kafka.isRunning();
          }

          @Override
          public void end(ManagedService kafka) {
            kafka.start();
          }
        });
  }
}
