package dev.keystone.it.faults;

import static org.awaitility.Awaitility.await;

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
    BrokerFaultRun.run(
        "frozen (SIGSTOP)",
        "frozen",
        PRODUCTS,
        ADJUSTMENTS,
        SPAN,
        FREEZE,
        new BrokerFaultRun.BrokerFault() {
          @Override
          public Callable<Boolean> inject(ManagedService kafka) {
            long pid = kafka.pid();
            kafka.pause();
            await()
                .alias(String.format("broker process %d after SIGSTOP", pid))
                .atMost(Duration.ofSeconds(10))
                .until(() -> Processes.state(pid) == 'T');
            return () -> Processes.state(pid) == 'T';
          }

          @Override
          public void end(ManagedService kafka) {
            long pid = kafka.pid();
            kafka.resume();
            await()
                .alias(String.format("broker process %d after SIGCONT", pid))
                .atMost(Duration.ofSeconds(10))
                .until(() -> Processes.state(pid) != 'T');
          }
        });
  }
}
