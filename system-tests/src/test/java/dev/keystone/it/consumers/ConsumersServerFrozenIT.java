package dev.keystone.it.consumers;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A consumers-only server frozen with SIGSTOP in the middle of an event stream, for longer than its
 * {@code max.poll.interval.ms} and session timeout (both 10 s here), then resumed with SIGCONT. It
 * shares the consumer groups with the main server's consumers: the group evicts the frozen member,
 * the main server takes its partitions and the records it had not committed (the redelivered tail);
 * the thawed member's commits are refused, it rejoins, and the effects stay exact: the analytics
 * equal the fold over the distinct events, one audit row per event, one mail per mail-worthy event,
 * counted by Message-ID as a multiset after a quiet window.
 */
@KeystoneIT
@Tag("fault")
class ConsumersServerFrozenIT {

  private static final Duration FREEZE = Duration.ofSeconds(Faults.size(15, 30));
  private static final String MAX_POLL_INTERVAL_MS = "10000";
  private static final List<String> CHANNELS =
      List.of(
          "analytics-order",
          "audit-customer",
          "audit-order",
          "audit-product",
          "cache-product",
          "email-customer",
          "email-order");

  private static LibertyServer consumers;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @BeforeAll
  static void startConsumersServer() throws Exception {
    new EventFeed().close(); // the topics, with their partitions, before anyone subscribes
    var template =
        Path.of(System.getProperty("keystone.wlp.dir"))
            .toAbsolutePath()
            .resolve("usr/servers/keystone-consumers");
    var files = new LinkedHashMap<String, Path>();
    for (var file :
        List.of(
            "server.xml", "bootstrap.properties", "consumers.xml", "apps/consumers-module.war")) {
      files.put(file, template.resolve(file));
    }
    // max.poll.interval.ms as system properties: MP Config lists them by name, so the Kafka
    // connector passes them to each channel's consumer
    var options = new StringBuilder(Files.readString(template.resolve("jvm.options")));
    for (var channel : CHANNELS) {
      options.append(
          "-Dmp.messaging.incoming.%s.max.poll.interval.ms=%s%n"
              .formatted(channel, MAX_POLL_INTERVAL_MS));
    }
    var jvmOptions = Files.createTempFile("consumers-frozen", ".options");
    Files.writeString(jvmOptions, options);
    files.put("jvm.options", jvmOptions);
    consumers =
        KeystoneStack.get()
            .startApplicationServer(
                "keystone-consumers-frozen",
                files,
                Map.of("KEYSTONE_HTTPS_PORT", Integer.toString(KeystoneStack.freePort())));
  }

  @AfterAll
  static void stopConsumersServer() {
    if (consumers != null && consumers.isRunning()) {
      consumers.pid().ifPresent(pid -> Processes.signal(pid, "CONT"));
      consumers.stop();
    }
  }

  @Test
  void aFrozenConsumerRejoinsAndItsRedeliveredTailIsAppliedOnce() throws Exception {
    var shop = new ShopScenario(6, Faults.size(120, 400), 4, 0.2, 11L);
    var events = new ArrayList<>(shop.distinctEvents());
    long pid = consumers.pid().orElseThrow();
    int membersWhileFrozen;
    double frozenSeconds;
    try (var feed = new EventFeed()) {
      await().atMost(Duration.ofSeconds(90)).until(() -> feed.members("keystone-analytics") == 2);
      var sent = new AtomicInteger();
      var pacer = Executors.newSingleThreadScheduledExecutor();
      var futures = new ArrayList<Future<?>>();
      long period = Math.max(5, FREEZE.multipliedBy(2).toMillis() / events.size());
      pacer.scheduleAtFixedRate(
          () -> {
            int i = sent.getAndIncrement();
            if (i < events.size()) {
              futures.add(feed.send(events.get(i)));
            }
          },
          0,
          period,
          TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() > events.size() / 4);
      Processes.signal(pid, "STOP");
      long since = System.nanoTime();
      try {
        await()
            .alias(String.format("consumers JVM %d after SIGSTOP", pid))
            .atMost(Duration.ofSeconds(10))
            .until(() -> Processes.state(pid) == 'T');
        // the fault took effect: the group evicted the frozen member
        membersWhileFrozen =
            await()
                .atMost(FREEZE.plusSeconds(10))
                .until(() -> feed.members("keystone-analytics"), n -> n == 1);
        Faults.holdFault(since, FREEZE, () -> Processes.state(pid) == 'T');
        frozenSeconds = (System.nanoTime() - since) / 1e9;
      } finally {
        Processes.signal(pid, "CONT");
      }
      await()
          .alias("consumers JVM after SIGCONT")
          .atMost(Duration.ofSeconds(10))
          .until(() -> Processes.state(pid) != 'T');
      await().atMost(Duration.ofSeconds(120)).until(() -> sent.get() >= events.size());
      pacer.shutdown();
      assertThat(pacer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      for (var f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
      // it rejoins its groups
      await().atMost(Duration.ofSeconds(120)).until(() -> feed.members("keystone-analytics") == 2);
    }

    var api = Api.keystone();
    var expected = ConsumerChecks.scaled(shop.expectedSales());
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> assertThat(ConsumerChecks.sales(api, shop.productIds)).isEqualTo(expected));
    var ids = events.stream().map(ShopEvent::id).toList();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ConsumerChecks.auditRows(ids)).isEqualTo(ids.size()));
    var expectedMail = expectedMessageIds(shop);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> received(shop).keySet().equals(expectedMail.keySet()));
    // a quiet window: a late duplicate has time to arrive and be counted
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(15))
        .until(() -> received(shop).equals(expectedMail));
    var mails = received(shop);
    long mailCount = mails.values().stream().mapToLong(Integer::longValue).sum();
    FaultReport.of("consumers-only server frozen (SIGSTOP) %d s".formatted(FREEZE.toSeconds()))
        .published(ids.size())
        .applied(ConsumerChecks.auditRows(ids))
        .lost(ids.size() - ConsumerChecks.auditRows(ids))
        .detail(
            "frozen %.1f s past max.poll.interval.ms %s (group down to %d member); %d events;"
                + " analytics equal to the fold over distinct events (duplicate effects 0);"
                + " %d mails for %d mail-worthy events (duplicate mails %d)",
            frozenSeconds,
            MAX_POLL_INTERVAL_MS,
            membersWhileFrozen,
            ids.size(),
            mailCount,
            expectedMail.size(),
            mailCount - mails.size())
        .print();
    assertThat(mails).as("mails by Message-ID, a multiset").isEqualTo(expectedMail);
  }

  /** Message-ID → 1 for each mail-worthy event (an order placed or cancelled). */
  private static Map<String, Integer> expectedMessageIds(ShopScenario shop) {
    var expected = new HashMap<String, Integer>();
    for (var o : shop.orders) {
      expected.put("<" + o.placed().id() + "@keystone>", 1);
      if (o.cancelled() != null) {
        expected.put("<" + o.cancelled().id() + "@keystone>", 1);
      }
    }
    return expected;
  }

  /** Message-ID → how many mails with it the customers received. */
  private static Map<String, Integer> received(ShopScenario shop) {
    var received = new HashMap<String, Integer>();
    for (var customer : shop.customers) {
      for (var mail : Mailbox.of(customer.email())) {
        received.merge(mail.messageId(), 1, Integer::sum);
      }
    }
    return received;
  }
}
