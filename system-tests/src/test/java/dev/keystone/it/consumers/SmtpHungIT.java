package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.Frozen;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
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
 * The SMTP server hung: its process frozen with SIGSTOP (its kernel still accepts connections,
 * nothing answers) while order events arrive. Each send waits at most the mail session's timeouts
 * (docs/operations.md#kafka-redis-and-smtp-deadlines) and is retried from the email outbox; it
 * never stalls the email consumer's own work (recording the mails to send) or any other consumer:
 * audit and analytics effects are all there while SMTP still hangs. After the thaw every mail is
 * sent exactly once, counted by Message-ID in the SMTP server's mailboxes.
 */
@KeystoneIT
@Tag("fault")
class SmtpHungIT {

  private static final Duration FREEZE = Duration.ofSeconds(Faults.size(15, 30));

  private static final Set<String> ORDERS = Set.of("keystone.order");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void aHungSmtpServerDelaysTheMailOnlyAndEachMailIsSentOnceAfterIt() throws Exception {
    var shop = new ShopScenario(4, Faults.size(30, 120), 3, 0.25, 44L);
    var ids = shop.distinctEvents().stream().map(ShopEvent::id).toList();
    var mailed = mailWorthy(shop);
    var smtp = KeystoneStack.get().devstack().smtp();
    var api = Api.keystone();
    var expected = ConsumerChecks.scaled(shop.expectedSales());
    long effectsMs;
    long recordedMs;
    long failedSeen;
    int processes;
    try (var feed = new EventFeed()) {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  feed.caughtUp("keystone-analytics", ORDERS)
                      && feed.caughtUp("keystone-audit", EventFeed.TOPICS));
      long frozenAt = System.nanoTime();
      try {
        processes = Frozen.freeze(smtp);
        feed.publish(shop.deliveries());
        // every other effect appears while SMTP still hangs
        await()
            .atMost(FREEZE)
            .pollInterval(Duration.ofMillis(250))
            .until(
                () ->
                    ConsumerChecks.auditRows(ids) == ids.size()
                        && ConsumerChecks.sales(api, shop.productIds).equals(expected));
        effectsMs = (System.nanoTime() - frozenAt) / 1_000_000;
        // and the email consumer recorded every mail to send, though none can leave
        await()
            .atMost(FREEZE)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> outboxRows(mailed) == mailed.size());
        recordedMs = (System.nanoTime() - frozenAt) / 1_000_000;
        // the fault took: a send ran into the hung server and failed by its timeout
        failedSeen =
            await()
                .atMost(FREEZE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> failedAttempts(mailed), n -> n > 0);
        // nothing leaves for the rest of the freeze
        var left = FREEZE.minusNanos(System.nanoTime() - frozenAt);
        if (left.toMillis() > 500) {
          await()
              .during(left)
              .atMost(left.plusSeconds(5))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> ConsumerChecks.sentOutboxRows(mailed) == 0);
        }
        assertThat(ConsumerChecks.sentOutboxRows(mailed)).as("sent while frozen").isZero();
        Frozen.assertFrozen(smtp);
      } finally {
        smtp.resume();
      }
    }
    Frozen.assertThawed(smtp);
    long thawedAt = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> ConsumerChecks.sentOutboxRows(mailed) == mailed.size());
    long sentMs = (System.nanoTime() - thawedAt) / 1_000_000;
    // a quiet window: no late resend may arrive after the last row was marked sent
    var expectedMail = new ArrayList<String>();
    for (var id : mailed) {
      expectedMail.add("<" + id + "@keystone>");
    }
    await()
        .pollDelay(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> mailbox(shop).size() >= expectedMail.size());
    var actualMail = mailbox(shop);
    var extra = new ArrayList<>(actualMail);
    expectedMail.forEach(extra::remove);
    var missing = new ArrayList<>(expectedMail);
    actualMail.forEach(missing::remove);

    FaultReport.of("SMTP hung (SIGSTOP) %d s".formatted(FREEZE.toSeconds()))
        .published(ids.size())
        .applied(ConsumerChecks.auditRows(ids))
        .lost(missing.size())
        .detail(
            "%d process frozen; audit and analytics complete %d ms into the freeze, every mail"
                + " recorded %d ms into it; %d failed sends seen while frozen; %d mails sent %d ms"
                + " after the thaw; %d missing, %d extra (by Message-ID)",
            processes,
            effectsMs,
            recordedMs,
            failedSeen,
            actualMail.size(),
            sentMs,
            missing.size(),
            extra.size())
        .print();
    assertThat(missing).as("mails missing").isEmpty();
    assertThat(extra).as("mails sent twice or unexpected").isEmpty();
    assertThat(ConsumerChecks.parkedRows(ids)).as("a hung SMTP server is not poison").isZero();
  }

  private static List<String> mailbox(ShopScenario shop) {
    var ids = new ArrayList<String>();
    for (var customer : shop.customers) {
      Mailbox.of(customer.email()).forEach(m -> ids.add(m.messageId()));
    }
    return ids;
  }

  private static long outboxRows(List<UUID> eventIds) throws SQLException {
    return count("select count(*) from consumers.email_outbox where event_id = any(?)", eventIds);
  }

  private static long failedAttempts(List<UUID> eventIds) throws SQLException {
    return count(
        "select count(*) from consumers.email_outbox where event_id = any(?)"
            + " and status = 'pending' and attempts > 0"
            + " and coalesce(last_error, '') not like 'customer % not known yet'",
        eventIds);
  }

  private static long count(String sql, List<UUID> eventIds) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement(sql)) {
      s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
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
