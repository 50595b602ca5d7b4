package dev.keystone.it.consumers;

import static dev.keystone.it.consumers.EvolvedPayloads.cancelled;
import static dev.keystone.it.consumers.EvolvedPayloads.customer;
import static dev.keystone.it.consumers.EvolvedPayloads.email;
import static dev.keystone.it.consumers.EvolvedPayloads.line;
import static dev.keystone.it.consumers.EvolvedPayloads.messageId;
import static dev.keystone.it.consumers.EvolvedPayloads.placed;
import static dev.keystone.it.consumers.EvolvedPayloads.unknownFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.consumers.ShopScenario.Totals;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * docs/events.md against the consumers in the EAR, fed by a plain Kafka producer: events in the
 * form published before types stated a schema version (no {@code dataschema}), events carrying
 * envelope attributes and payload fields no consumer knows (nested ones too), and the second copy
 * of a change in a schema version no consumer reads yet, as the producer publishes it during a
 * deprecation window. Every consumer applies the first two kinds as it always did and ignores the
 * third: audit rows, analytics, mail and cache evictions are exactly those of the readable events,
 * and nothing is parked.
 */
@KeystoneIT
class SchemaEvolutionIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static final Map<String, JsonValue> UNKNOWN_ATTRIBUTES =
      Map.of(
          "region", Json.createValue("eu-west"),
          "priority", Json.createObjectBuilder().add("level", 3).build());

  private final Api api = Api.keystone();

  @Test
  void previousAndExtendedEventsHaveTheirEffectsAndALaterVersionIsIgnored() throws Exception {
    long base = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    long hammer = base;
    long nails = base + 1;
    long ada = base;
    long bob = base + 1;
    long first = base;
    long second = base + 1;
    var now = Instant.now();
    var price = new BigDecimal("12.50");
    var cheap = new BigDecimal("0.99");

    var adaRegistered = ShopEvent.of("customer", "registered", "" + ada, 1, customer(ada).build());
    var bobRegistered =
        ShopEvent.of("customer", "registered", "" + bob, 1, unknownFields(customer(bob)).build());
    var firstPlaced =
        ShopEvent.of(
            "order",
            "placed",
            "" + first,
            1,
            placed(first, ada, now, List.of(line(hammer, 2, price, false))).build());
    var firstCancelled =
        ShopEvent.of(
            "order",
            "cancelled",
            "" + first,
            2,
            unknownFields(cancelled(first, ada, new BigDecimal("25.00"))).build());
    var secondPlaced =
        ShopEvent.of(
            "order",
            "placed",
            "" + second,
            1,
            unknownFields(
                    placed(
                        second,
                        bob,
                        now,
                        List.of(line(hammer, 1, price, true), line(nails, 3, cheap, false))))
                .build());
    // the same change in a later, incompatible version: another shape no consumer reads yet
    var secondPlacedV2 =
        ShopEvent.of(
            "order",
            "placed",
            "" + second,
            1,
            Json.createObjectBuilder()
                .add("orderId", "" + second)
                .add("buyer", Json.createObjectBuilder().add("id", "" + bob))
                .add("amount", Json.createObjectBuilder().add("value", "15.47").add("cur", "EUR"))
                .build());
    var hammerAdjusted =
        ShopEvent.of(
            "product",
            "stock-adjusted",
            "" + hammer,
            2,
            Json.createObjectBuilder()
                .add("productId", hammer)
                .add("delta", -3)
                .add("stock", 7)
                .add("reason", "orders")
                .add("version", 2)
                .build());
    var nailsChanged =
        ShopEvent.of(
            "product",
            "changed",
            "" + nails,
            2,
            unknownFields(
                    Json.createObjectBuilder()
                        .add("productId", nails)
                        .add("sku", "NAIL-" + nails)
                        .add("name", "Nails")
                        .add("price", cheap)
                        .add("currency", "EUR")
                        .add("version", 2))
                .build());

    try (var redis =
            new JedisPooled(URI.create(KeystoneStack.get().devstack().endpoints().redisUrl()));
        var feed = new EventFeed()) {
      var hammerKey = "keystone:v2:{product:" + hammer + "}";
      var nailsKey = "keystone:v2:{product:" + nails + "}";
      redis.set(hammerKey, "{\"version\":1}");
      redis.set(nailsKey, "{\"version\":1}");

      // the previous form: exactly what the producer published before dataschema existed
      for (var e : List.of(adaRegistered, firstPlaced, hammerAdjusted)) {
        feed.publishRaw(e.topic(), e.key(), e.json());
      }
      // version 1 with attributes and fields no consumer knows
      for (var e : List.of(bobRegistered, firstCancelled, secondPlaced, nailsChanged)) {
        feed.publishRaw(e.topic(), e.key(), e.json(extended(e, 1)));
      }
      // the version-2 copy of the second order's placement, published beside version 1
      feed.publishRaw(
          secondPlacedV2.topic(),
          secondPlacedV2.key(),
          secondPlacedV2.json(
              Map.of("dataschema", Json.createValue(schema(secondPlacedV2.type(), 2)))));

      // cache refresh: both products' entries evicted
      await().atMost(Duration.ofSeconds(60)).until(() -> !redis.exists(hammerKey));
      await().atMost(Duration.ofSeconds(60)).until(() -> !redis.exists(nailsKey));
    }

    var readable =
        List.of(
            adaRegistered,
            bobRegistered,
            firstPlaced,
            firstCancelled,
            secondPlaced,
            hammerAdjusted,
            nailsChanged);
    var readableIds = readable.stream().map(ShopEvent::id).toList();

    // audit: one row per readable event, none for the copy in version 2
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(ConsumerChecks.auditRows(readableIds)).isEqualTo(readable.size()));
    var secondHistory = api.get("/consumers/audit?aggregateType=order&aggregateId=" + second);
    assertThat(secondHistory.jsonArray().getValuesAs(JsonObject.class))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.getString("eventId")).isEqualTo(secondPlaced.id().toString());
              assertThat(entry.getString("payload")).contains("loyaltyPoints");
            });

    // analytics: the first order placed and cancelled nets zero; the second counts once
    var day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    var expected =
        Map.of(
            hammer + "@" + day, new Totals(1, new BigDecimal("12.50")),
            nails + "@" + day, new Totals(3, new BigDecimal("2.97")));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ConsumerChecks.sales(api, List.of(hammer, nails))).isEqualTo(expected));

    // email: one mail per readable order event, by its event id; none for the version-2 copy
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(Mailbox.of(email(ada)))
                  .extracting(Mailbox.Mail::messageId)
                  .containsExactlyInAnyOrder(
                      messageId(firstPlaced.id()), messageId(firstCancelled.id()));
              assertThat(Mailbox.of(email(bob)))
                  .extracting(Mailbox.Mail::messageId)
                  .containsExactly(messageId(secondPlaced.id()));
            });
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Mailbox.of(email(bob))).hasSize(1));

    var everyId = new ArrayList<>(readableIds);
    everyId.add(secondPlacedV2.id());
    assertThat(ConsumerChecks.parkedRows(everyId)).as("nothing parked").isZero();
    assertThat(ConsumerChecks.auditRows(List.of(secondPlacedV2.id()))).isZero();
  }

  private static String schema(String type, int version) {
    return "urn:keystone:schema:" + type + ":v" + version;
  }

  /** Version 1 stated in dataschema, plus envelope attributes no consumer knows. */
  private static Map<String, JsonValue> extended(ShopEvent event, int version) {
    var attributes = new java.util.HashMap<>(UNKNOWN_ATTRIBUTES);
    attributes.put("dataschema", Json.createValue(schema(event.type(), version)));
    return attributes;
  }
}
