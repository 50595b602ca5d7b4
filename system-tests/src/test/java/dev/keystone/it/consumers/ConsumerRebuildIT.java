package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.OperatorMetrics;
import dev.keystone.it.support.PrometheusText;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rebuilding a consumer from the log in one operator action (docs/consumers.md, "Rebuilding a
 * consumer"), on two servers that both run the consumers (the application server with the EAR and a
 * consumers-only server, one group): analytics and audit are each rebuilt while orders are placed
 * through the API, and afterwards equal the fold of their whole topics read by a plain consumer,
 * row by row; nothing else changed. The email consumer rebuilt with mail suppressed sends not a
 * single mail: the SMTP server's mailbox, counted by Message-ID against the order topic, holds each
 * order mail once before the rebuild and still once after it and a quiet window. The refusals
 * (unknown consumer, one already running, email without suppressed mail, a customer, no token) are
 * problems.
 */
@KeystoneIT
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerRebuildIT {

  private static final String REBUILDS = "/consumers/admin/rebuilds";
  private static LibertyServer consumers;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @BeforeAll
  static void startConsumersServer() {
    new EventFeed().close(); // the topics, with their partitions, before anyone subscribes
    consumers = KeystoneStack.get().startConsumersServer("keystone-consumers-rebuild", Map.of());
  }

  @AfterAll
  static void stopConsumersServer() {
    if (consumers != null) {
      consumers.stop();
    }
  }

  private static Api consumersServer() {
    return Api.keystone().at("http://localhost:" + consumers.httpPort());
  }

  @Test
  @Order(1)
  void refusalsAreProblemsAndRecordNothing() throws Exception {
    var admin = Api.keystone();
    long before = ConsumerChecks.count("select count(*) from consumers.consumer_rebuilds");

    assertProblem(admin.post(REBUILDS, "{\"consumer\":\"no-such\"}"), 404, "consumer-unknown");
    assertProblem(
        admin.post(REBUILDS, "{\"consumer\":\"cache-refresh\"}"), 404, "consumer-unknown");
    assertProblem(admin.get(REBUILDS + "/no-such"), 404, "consumer-unknown");
    assertProblem(admin.post(REBUILDS, "{}"), 400, "invalid-request");
    var email = admin.post(REBUILDS, "{\"consumer\":\"email\"}");
    assertProblem(email, 409, "rebuild-needs-mail-suppressed");
    assertThat(email.json().getString("detail")).contains("suppressMail");
    assertProblem(
        admin.post(REBUILDS, "{\"consumer\":\"email\",\"suppressMail\":false}"),
        409,
        "rebuild-needs-mail-suppressed");
    var customer = Api.as("customer", "42");
    assertProblem(customer.post(REBUILDS, "{\"consumer\":\"analytics\"}"), 403, "forbidden");
    assertProblem(customer.get(REBUILDS + "/analytics"), 403, "forbidden");
    assertThat(Api.anonymous().post(REBUILDS, "{\"consumer\":\"analytics\"}").status())
        .isEqualTo(401);

    assertThat(ConsumerChecks.count("select count(*) from consumers.consumer_rebuilds"))
        .as("nothing recorded by a refusal")
        .isEqualTo(before);
  }

  @Test
  @Order(2)
  void analyticsRebuiltUnderLiveWritesEqualsTheFoldOfItsTopic() throws Exception {
    rebuildUnderLiveWrites(
        "analytics",
        consumersServer(),
        LogFold::analytics,
        () -> List.of(ProjectionRows.dailySales(), ProjectionRows.orders()),
        () -> List.of(ProjectionRows.audit()));
  }

  @Test
  @Order(3)
  void auditRebuiltUnderLiveWritesEqualsTheFoldOfItsTopics() throws Exception {
    rebuildUnderLiveWrites(
        "audit",
        Api.keystone(),
        () -> List.of(LogFold.audit()),
        () -> List.of(ProjectionRows.audit()),
        () ->
            List.of(
                ProjectionRows.rows(
                    "select order_id || ' ' || day || ' ' || currency, lines"
                        + " from consumers.analytics_orders",
                    true)));
  }

  @Test
  @Order(4)
  void emailRebuiltWithMailSuppressedSendsNotASingleMail() throws Exception {
    try (var orders = new LiveOrders().history(10)) {
      // 10 placed, 2 of them cancelled: 12 mail-worthy events on the order topic
      var calledFor =
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> OrderMails.calledFor(orders.customer()), ids -> ids.size() >= 12);
      assertThat(calledFor).as("mail-worthy events of the stream's customer").hasSize(12);
      var mails = OrderMails.once(calledFor);
      // the SMTP server's mailbox, counted by Message-ID: each mail there exactly once, sent
      // behind the earlier tests' hundreds
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(OrderMails.received(orders.email()))
                      .as("mails received for %s by Message-ID", orders.email())
                      .isEqualTo(mails));
      var sends =
          "select event_id || ' ' || status || ' ' || attempts || ' ' || sent_at"
              + " from consumers.email_outbox where customer_id = '"
              + orders.customer()
              + "'";
      var sentBefore = ProjectionRows.rows(sends, false);
      var addresses =
          ProjectionRows.rows(
              "select customer_id || ' ' || email || ' ' || version from consumers.email_customers",
              false);
      var outbox = ProjectionRows.rows("select event_id from consumers.email_outbox", false);

      var requested =
          Api.keystone().post(REBUILDS, "{\"consumer\":\"email\",\"suppressMail\":true}");
      assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
      var done = awaitDone(Api.keystone(), "email");
      assertThat(done.getBoolean("suppressExternal")).isTrue();

      // both servers' senders poll every second: a mail the rebuild caused would arrive well
      // within the quiet window
      await()
          .during(Duration.ofSeconds(10))
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(OrderMails.received(orders.email()))
                      .as("the mailbox by Message-ID: each mail once, none sent again")
                      .isEqualTo(mails));
      assertThat(
              ProjectionRows.rows(
                  "select customer_id || ' ' || email || ' ' || version from consumers.email_customers",
                  false))
          .as("the address projection rebuilt")
          .isEqualTo(addresses);
      assertThat(ProjectionRows.rows("select event_id from consumers.email_outbox", false))
          .as("the outbox's rows as they were: no mail added, pending or suppressed")
          .isEqualTo(outbox);
      assertThat(ProjectionRows.rows(sends, false))
          .as("the outbox's record of the sends: each once, before the rebuild")
          .isEqualTo(sentBefore);
      System.out.printf(
          "ConsumerRebuildIT: email rebuilt with mail suppressed, %d records re-read; %s received"
              + " %d mails (%d Message-IDs) before and after it%n",
          done.getJsonNumber("read").longValue(),
          orders.email(),
          mails.values().stream().mapToInt(Integer::intValue).sum(),
          mails.size());
    }
  }

  private void rebuildUnderLiveWrites(
      String consumer,
      Api operator,
      Callable<List<List<String>>> fold,
      Callable<List<List<String>>> projection,
      Callable<List<List<String>>> otherConsumer)
      throws Exception {
    try (var orders = new LiveOrders().history(20)) {
      var untouched = Untouched.besides(consumer, otherConsumer.call());
      double heldBefore = held(consumer);

      orders.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> orders.placed() > 30);
      var requested = operator.post(REBUILDS, "{\"consumer\":\"" + consumer + "\"}");
      assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
      int placedAtRequest = orders.placed();
      assertProblem(
          operator.post(REBUILDS, "{\"consumer\":\"" + consumer + "\"}"), 409, "rebuild-running");

      var done = awaitDone(operator, consumer);
      assertThat(done.getString("requestedBy")).isEqualTo(Api.ADMIN_SUBJECT);
      var requestedAt = Instant.parse(done.getString("requestedAt"));
      assertThat(Instant.parse(done.getString("startedAt"))).isAfterOrEqualTo(requestedAt);
      assertThat(Instant.parse(done.getString("finishedAt")))
          .isAfterOrEqualTo(Instant.parse(done.getString("startedAt")));
      assertThat(done.getJsonNumber("lag").longValue()).isZero();
      assertThat(done.getJsonNumber("read").longValue()).isPositive();
      int placedAtDone = orders.placed();
      assertThat(placedAtDone).as("orders placed while it ran").isGreaterThan(placedAtRequest);
      await().atMost(Duration.ofSeconds(30)).until(() -> orders.placed() > placedAtDone + 20);
      orders.close();

      await()
          .atMost(Duration.ofSeconds(180))
          .untilAsserted(() -> assertThat(projection.call()).isEqualTo(fold.call()));
      untouched.assertStillThere(otherConsumer.call());
      assertThat(ConsumerChecks.count("select count(*) from consumers.held_messages")).isZero();
      double heldDuring = held(consumer) - heldBefore;
      System.out.printf(
          "ConsumerRebuildIT: %s rebuilt in %s, %d records re-read, %d orders placed meanwhile,"
              + " %.0f live deliveries held on the two servers%n",
          consumer,
          Duration.between(
              Instant.parse(done.getString("startedAt")),
              Instant.parse(done.getString("finishedAt"))),
          done.getJsonNumber("read").longValue(),
          placedAtDone - placedAtRequest,
          heldDuring);
    }
  }

  /** Polls the rebuild until done; every answer is a rebuild of this consumer. */
  private static JsonObject awaitDone(Api operator, String consumer) {
    var last = new JsonObject[1];
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var reply = operator.get(REBUILDS + "/" + consumer);
              assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
              last[0] = reply.json();
              assertThat(last[0].getString("consumer")).isEqualTo(consumer);
              assertThat(last[0].getString("state")).isIn("requested", "running", "done");
              return last[0].getString("state").equals("done");
            });
    return last[0];
  }

  /** Live deliveries held for {@code consumer} on both servers, by their metrics. */
  private static double held(String consumer) {
    double total = 0;
    for (var url :
        List.of(KeystoneStack.get().httpsBaseUrl(), "https://localhost:" + consumers.httpsPort())) {
      total +=
          PrometheusText.parse(OperatorMetrics.scrape(url))
              .sum("keystone_consumer_held_total", Map.of("consumer", consumer));
    }
    return total;
  }

  static void assertProblem(Api.Reply reply, int status, String slug) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().getString("type")).endsWith("/" + slug);
  }
}
