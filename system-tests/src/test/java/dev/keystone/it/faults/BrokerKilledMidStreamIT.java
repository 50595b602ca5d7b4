package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.devstack.ManagedService;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.Processes;
import java.time.Duration;
import java.util.concurrent.Callable;
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
    BrokerFaultRun.run(
        "SIGKILLed",
        "dead",
        PRODUCTS,
        ADJUSTMENTS,
        SPAN,
        OUTAGE,
        new BrokerFaultRun.BrokerFault() {
          @Override
          public Callable<Boolean> inject(ManagedService kafka) {
            long pid = kafka.pid();
            kafka.kill();
            assertThat(Processes.dead(pid)).as("broker process %d after SIGKILL", pid).isTrue();
            return () -> !kafka.isRunning();
          }

          @Override
          public void end(ManagedService kafka) {
            kafka.start();
          }
        });
  }
}
