package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Real records read straight off the topic: a CloudEvents 1.0 structured event as the CloudEvents
 * Java SDK reads it, conforming to docs/asyncapi.yaml; and the topics exist with the configured
 * partition count.
 */
@KeystoneIT
class PublishedRecordsIT {

  /** keystone.kafka.topic.partitions as server-config sets it. */
  private static final int PARTITIONS = 3;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void realRecordsAreCloudEventsThatConformToThePublishedLanguage() {
    var language = PublishedLanguage.load();
    var ids =
        List.of(
            Long.toString(OutboxProbe.createProduct(api, "CE")),
            Long.toString(OutboxProbe.createProduct(api, "CE")));
    var seen = OutboxProbe.read("keystone.product", Set.copyOf(ids), 2, Duration.ofSeconds(60));
    assertThat(seen).hasSize(2);
    var records =
        dev.keystone.it.support.Topics.read(
            "keystone.product", r -> ids.contains(r.key()), 2, Duration.ofSeconds(60));
    for (var record : records) {
      var headers = new RecordHeaders(record.headers().toArray());
      var event =
          KafkaMessageFactory.createReader(headers, record.value().getBytes(StandardCharsets.UTF_8))
              .toEvent();
      assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
      assertThat(event.getType()).isEqualTo("dev.keystone.product.created");
      assertThat(event.getSource()).hasToString("/keystone/product");
      assertThat(event.getSubject()).isEqualTo(record.key());
      assertThat(event.getTime()).isNotNull();
      // ids are time-ordered (version 7) and carry the event's time, to the millisecond
      var id = java.util.UUID.fromString(event.getId());
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.getMostSignificantBits() >>> 16)
          .isEqualTo(event.getTime().toInstant().toEpochMilli());
      assertThat(event.getDataContentType()).isEqualTo("application/json");
      assertThat(event.getExtension("aggregateversion")).hasToString("1");
      assertThat(event.getExtension("correlationid")).isNotNull();
      assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
          .contains("\"productId\":" + record.key());

      assertThat(event.getDataSchema())
          .hasToString("urn:keystone:schema:dev.keystone.product.created:v1");
      var message = language.messageFor(event.getType(), event.getDataSchema().toString());
      assertThat(message).isEqualTo("ProductCreated");
      assertThat(language.topicOf(message)).isEqualTo(record.topic());
      assertThat(language.violations(message, record.value())).as(record.value()).isEmpty();
    }
  }

  @Test
  void everyAggregateHasItsTopicWithTheConfiguredPartitions() throws Exception {
    var bootstrap = KeystoneStack.get().devstack().endpoints().kafkaBootstrap();
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var topics = List.of("keystone.product", "keystone.customer", "keystone.order");
      var described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(topics);
      assertThat(described.values())
          .allSatisfy(
              d -> {
                assertThat(d.partitions()).hasSize(PARTITIONS);
                assertThat(d.partitions().get(0).replicas()).hasSize(1);
              });
    }
  }
}
