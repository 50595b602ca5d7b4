package dev.keystone.it.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.DatabaseLoads;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * One thin slice through every box of the architecture's diagram: gateway → application service →
 * PostgreSQL (and the outbox, in the same transaction) → Redis on the read path → Kafka after
 * commit → the audit consumer, deduplicating by event id.
 */
@KeystoneIT
class ProductSliceIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void aCreatedProductIsCachedPublishedAndAuditedOnce() throws Exception {
    var sku = "SLICE-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        api.post(
            "/api/products",
            """
            {"sku":"%s","name":"Slice","price":12.50,"currency":"EUR","stock":3,"category":"tools"}
            """
                .formatted(sku));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id = created.json().getJsonNumber("id").longValue();
    assertThat(created.header("Location")).endsWith("/api/products/" + id);
    assertThat(created.header("ETag")).isEqualTo("\"1\"");

    // An earlier test may have stopped Redis: start from a cache that serves again (breaker
    // closed).
    var warm =
        api.post(
            "/api/products",
            """
            {"sku":"%s","name":"Warm","price":1,"currency":"EUR","stock":1}
            """
                .formatted("WARM-" + UUID.randomUUID().toString().substring(0, 8)));
    var warmPath = "/api/products/" + warm.json().getJsonNumber("id").longValue();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "keystone; hit".equals(api.get(warmPath).header("Cache-Status")));
    // Read path: the first read misses and loads from PostgreSQL, the second is served by Redis.
    long loadsBefore = DatabaseLoads.productFinds();
    var miss = api.get("/api/products/" + id);
    assertThat(miss.status()).isEqualTo(200);
    assertThat(miss.header("Cache-Status")).startsWith("keystone; fwd=miss");
    assertThat(miss.header("ETag")).isEqualTo("\"1\"");
    long loadsAfterMiss = DatabaseLoads.productFinds();
    assertThat(loadsAfterMiss).as("the miss loads from the database").isEqualTo(loadsBefore + 1);

    var hit = api.get("/api/products/" + id);
    assertThat(hit.status()).isEqualTo(200);
    assertThat(hit.header("Cache-Status")).isEqualTo("keystone; hit");
    assertThat(hit.json()).isEqualTo(miss.json());
    assertThat(DatabaseLoads.productFinds())
        .as("the hit never touches the database")
        .isEqualTo(loadsAfterMiss);

    // Write path: the event, read back off the topic by a plain consumer.
    var records =
        Topics.read(
            "keystone.product", r -> Long.toString(id).equals(r.key()), 1, Duration.ofSeconds(30));
    assertThat(records).hasSize(1);
    ConsumerRecord<String, String> record = records.get(0);
    var envelope = Json.createReader(new StringReader(record.value())).readObject();
    assertThat(envelope.getString("specversion")).isEqualTo("1.0");
    assertThat(envelope.getString("type")).isEqualTo("dev.keystone.product.created");
    assertThat(envelope.getString("subject")).isEqualTo(Long.toString(id));
    assertThat(envelope.getString("source")).isEqualTo("/keystone/product");
    assertThat(envelope.getJsonNumber("aggregateversion").longValue()).isEqualTo(1);
    assertThat(envelope.getString("correlationid")).isNotBlank();
    assertThat(envelope.getJsonObject("data").getString("sku")).isEqualTo(sku);
    var eventId = UUID.fromString(envelope.getString("id"));

    // The audit consumer stores it once.
    var auditPath = "/consumers/audit?aggregateType=product&aggregateId=" + id;
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(api.get(auditPath).jsonArray()).hasSize(1));
    var audited = api.get(auditPath).jsonArray().getJsonObject(0);
    assertThat(audited.getString("eventId")).isEqualTo(eventId.toString());
    assertThat(audited.getJsonNumber("aggregateVersion").longValue()).isEqualTo(1);

    // The same event delivered again (a producer retry): still one audit row.
    var duplicate = Topics.send("keystone.product", record.key(), record.value());
    var partition = new TopicPartition(duplicate.topic(), duplicate.partition());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Topics.committedOffset("keystone-audit", partition) > duplicate.offset());
    assertThat(api.get(auditPath).jsonArray()).hasSize(1);
  }

  @Test
  void readsSurviveARedisOutageAndHitsResumeWhenItReturns() {
    var sku = "REDIS-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        api.post(
            "/api/products",
            """
            {"sku":"%s","name":"Outage","price":1,"currency":"EUR","stock":1}
            """
                .formatted(sku));
    long id = created.json().getJsonNumber("id").longValue();
    var path = "/api/products/" + id;
    api.get(path);
    assertThat(api.get(path).header("Cache-Status")).isEqualTo("keystone; hit");

    var redis = KeystoneStack.get().devstack().redis();
    redis.stop();
    try {
      for (int i = 0; i < 20; i++) {
        var reply = api.get(path);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getString("sku")).isEqualTo(sku);
        assertThat(reply.header("Cache-Status")).doesNotContain("hit");
      }
    } finally {
      redis.start();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> "keystone; hit".equals(api.get(path).header("Cache-Status")));
  }
}
