package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kit's "wait for the database" path (ConsumerKit: an outage is not poison): while PostgreSQL
 * is down nothing can be recorded, so nothing is acknowledged and nothing is dead-lettered; once it
 * is back, every event (each delivered twice) is applied exactly once.
 */
@KeystoneIT
@Tag("fault")
class ConsumersDatabaseOutageIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static final Set<String> ORDERS = Set.of("keystone.order");

  @Test
  void whilePostgresIsDownTheConsumersWaitUnacknowledgedThenApplyEverythingOnce() throws Exception {
    var shop = new ShopScenario(4, 20, 3, 0.25, 21L);
    var postgres = KeystoneStack.get().devstack().postgres();
    try (var feed = new EventFeed()) {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  feed.caughtUp("keystone-analytics", ORDERS)
                      && feed.caughtUp("keystone-audit", EventFeed.TOPICS));
      postgres.stop();
      try {
        feed.publish(shop.deliveries());
        // the consumers received the events but cannot record them: no offset moves
        await()
            .during(Duration.ofSeconds(15))
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    !feed.caughtUp("keystone-analytics", ORDERS)
                        && !feed.caughtUp("keystone-audit", EventFeed.TOPICS));
      } finally {
        postgres.start();
      }

      var api = Api.keystone();
      var expected = ConsumerChecks.scaled(shop.expectedSales());
      await()
          .atMost(Duration.ofSeconds(180))
          .untilAsserted(
              () -> assertThat(ConsumerChecks.sales(api, shop.productIds)).isEqualTo(expected));
      var ids = shop.distinctEvents().stream().map(ShopEvent::id).toList();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(ConsumerChecks.auditRows(ids)).isEqualTo(ids.size()));
      var mailed = mailWorthy(shop);
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> assertThat(ConsumerChecks.sentOutboxRows(mailed)).isEqualTo(mailed.size()));
      for (var customer : shop.customers) {
        var expectedIds = new ArrayList<String>();
        shop.orders.stream()
            .filter(o -> o.customer().equals(customer))
            .forEach(
                o -> {
                  expectedIds.add("<" + o.placed().id() + "@keystone>");
                  if (o.cancelled() != null) {
                    expectedIds.add("<" + o.cancelled().id() + "@keystone>");
                  }
                });
        assertThat(Mailbox.of(customer.email()))
            .extracting(Mailbox.Mail::messageId)
            .containsExactlyInAnyOrderElementsOf(expectedIds);
      }
      // an outage is not poison: nothing of it was parked or dead-lettered
      assertThat(ConsumerChecks.parkedRows(ids)).isZero();
      assertThat(feed.caughtUp("keystone-analytics", ORDERS)).isTrue();
    }
  }

  private static List<UUID> mailWorthy(ShopScenario shop) {
    var ids = new ArrayList<UUID>();
    for (var o : shop.orders) {
      ids.add(o.placed().id());
      if (o.cancelled() != null) {
        ids.add(o.cancelled().id());
      }
    }
    return ids;
  }
}
