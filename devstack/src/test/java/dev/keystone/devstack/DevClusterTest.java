package dev.keystone.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentineled;

/**
 * The cluster stack's engines replicate and fail over as production's do: three Kafka nodes with
 * replication factor 3 and {@code min.insync.replicas=2}, and Redis behind three Sentinels. Each
 * fault is a crash (SIGKILL), checked to have happened before anything else is asserted; outcomes
 * are sets read back from the engines, not counters of the clients. PostgreSQL's standby: {@link
 * DevPostgresStandbyTest}, on the same stack.
 */
@TestMethodOrder(OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class DevClusterTest {
  static DevStack stack;

  @BeforeAll
  static void cluster() {
    stack = SharedCluster.stack();
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrap()));
  }

  @Test
  @Order(1)
  void kafkaRunsThreeRackedNodesThatReplicateAsProductionDoes() throws Exception {
    assertThat(stack.isCluster()).isTrue();
    assertThat(stack.endpoints().kafkaBootstrap().split(",")).hasSize(3);
    try (Admin admin = admin()) {
      var nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
      assertThat(nodes)
          .extracting(n -> n.rack())
          .containsExactlyInAnyOrder("rack-1", "rack-2", "rack-3");
      admin
          .createTopics(
              List.of(
                  new NewTopic("defaults", java.util.Optional.of(3), java.util.Optional.empty())))
          .all()
          .get(30, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(30))
          // a node that has not yet learnt of the new topic answers "unknown topic" for a moment
          .ignoreExceptionsInstanceOf(java.util.concurrent.ExecutionException.class)
          .untilAsserted(
              () ->
                  assertThat(
                          admin
                              .describeTopics(List.of("defaults"))
                              .allTopicNames()
                              .get()
                              .get("defaults")
                              .partitions())
                      .allSatisfy(
                          p -> {
                            assertThat(p.replicas()).hasSize(3);
                            assertThat(p.isr()).hasSize(3);
                          }));
      var broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
      var config =
          admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
      assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
      assertThat(config.get("default.replication.factor").value()).isEqualTo("3");
    }
  }

  @Test
  @Order(2)
  void aKilledPartitionLeaderLosesNoAcknowledgedRecord() throws Exception {
    String topic = "leader-kill";
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 3)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    var attempted = new LinkedHashSet<String>();
    var sends = new ArrayList<Future<RecordMetadata>>();
    var values = new ArrayList<String>();
    int leader;
    long killedAt;
    try (var producer = new KafkaProducer<String, String>(producerSettings())) {
      for (int i = 0; i < 200; i++) {
        send(producer, topic, i, attempted, sends, values);
      }
      producer.flush();
      leader = leaderOf(topic);
      var victim = stack.kafkaNodes().get(leader - 1);
      victim.kill();
      killedAt = System.nanoTime();
      assertThat(victim.isRunning()).as("the leader's process is gone").isFalse();
      for (int i = 200; i < 500; i++) {
        send(producer, topic, i, attempted, sends, values);
      }
      producer.flush();
    }
    var acknowledged = new HashSet<String>();
    for (int i = 0; i < sends.size(); i++) {
      try {
        sends.get(i).get();
        acknowledged.add(values.get(i));
      } catch (ExecutionException e) {
        // not acknowledged: allowed to be missing, never allowed to appear twice
      }
    }
    int newLeader = leaderOf(topic);
    double failoverSeconds = (System.nanoTime() - killedAt) / 1e9;
    stack.kafkaNodes().get(leader - 1).start();
    List<String> read = readWholeTopic(topic);
    Set<String> distinct = new HashSet<>(read);
    var lost = new HashSet<>(acknowledged);
    lost.removeAll(distinct);
    var unexpected = new HashSet<>(distinct);
    unexpected.removeAll(attempted);
    System.out.printf(
        "FAULT Kafka partition leader (node %d) SIGKILLed mid stream: attempted %d, acknowledged %d,"
            + " read %d, lost %d, unexpected %d, duplicated %d, new leader node %d (%.1f s after the"
            + " kill, all sends settled)%n",
        leader,
        attempted.size(),
        acknowledged.size(),
        read.size(),
        lost.size(),
        unexpected.size(),
        read.size() - distinct.size(),
        newLeader,
        failoverSeconds);
    assertThat(newLeader).isNotEqualTo(leader);
    assertThat(acknowledged)
        .as("min.insync.replicas=2 of 3: the stream goes on")
        .hasSizeGreaterThan(400);
    assertThat(lost).as("lost").isEmpty();
    assertThat(unexpected).as("unexpected").isEmpty();
    assertThat(read).as("the idempotent producer never duplicates").hasSameSizeAs(distinct);
  }

  @Test
  @Order(3)
  void sentinelPromotesTheReplicaAndClientsFollowIt() {
    var sentinels = new LinkedHashSet<HostAndPort>();
    stack.sentinels().forEach(s -> sentinels.add(new HostAndPort("localhost", s.port())));
    var primary = stack.redisNodes().get(0);
    var replica = stack.redisNodes().get(1);
    var client = DefaultJedisClientConfig.builder().socketTimeoutMillis(500).build();
    try (var redis = new JedisSentineled(SentinelService.PRIMARY_NAME, client, sentinels, client)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                try (var sentinel = new Jedis("localhost", stack.sentinels().get(0).port())) {
                  assertThat(sentinel.sentinelSentinels(SentinelService.PRIMARY_NAME)).hasSize(2);
                  assertThat(
                          sentinel.sentinelMaster(SentinelService.PRIMARY_NAME).get("num-slaves"))
                      .isEqualTo("1");
                }
              });
      assertThat(redis.getCurrentMaster().getPort()).isEqualTo(primary.port());
      redis.set("before", "failover");
      try (var direct = new Jedis("localhost", primary.port())) {
        assertThat(direct.waitReplicas(1, 5000)).isEqualTo(1);
      }
      primary.kill();
      long killedAt = System.nanoTime();
      assertThat(primary.isRunning()).as("the primary's process is gone").isFalse();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(redis.getCurrentMaster().getPort()).isEqualTo(replica.port());
                assertThat(redis.set("after", "failover")).isEqualTo("OK");
              });
      double seconds = (System.nanoTime() - killedAt) / 1e9;
      System.out.printf(
          "FAULT Redis primary SIGKILLed: the client writes to the promoted replica %.1f s later%n",
          seconds);
      assertThat(redis.get("before")).as("replicated before the kill").isEqualTo("failover");
      primary.start();
      // Sentinel turns a returning old primary into a replica only after it has seen it report
      // "master" for a while (INFO every 10 s to replicas, then a settle time of 8 s), so this
      // can take close to 30 s on a busy machine.
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                try (var old = new Jedis("localhost", primary.port())) {
                  assertThat(old.role().get(0))
                      .as("the old primary rejoins as a replica")
                      .isEqualTo("slave");
                }
              });
    }
  }

  private static int leaderOf(String topic) throws Exception {
    try (Admin admin = admin()) {
      return await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  admin
                      .describeTopics(List.of(topic))
                      .allTopicNames()
                      .get(5, TimeUnit.SECONDS)
                      .get(topic)
                      .partitions()
                      .get(0)
                      .leader(),
              node -> node != null)
          .id();
    }
  }

  private static void send(
      KafkaProducer<String, String> producer,
      String topic,
      int i,
      Set<String> attempted,
      List<Future<RecordMetadata>> sends,
      List<String> values) {
    String value = "record-" + i;
    attempted.add(value);
    values.add(value);
    sends.add(producer.send(new ProducerRecord<>(topic, "key", value)));
  }

  private static Map<String, Object> producerSettings() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.endpoints().kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        60_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        5_000,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class);
  }

  /** Every record of the topic, from the beginning to the end offsets taken now. */
  private static List<String> readWholeTopic(String topic) {
    var settings =
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.endpoints().kafkaBootstrap(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    try (var consumer = new KafkaConsumer<String, String>(settings)) {
      var partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
      var read = new ArrayList<String>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                return consumer.position(partition) >= end;
              });
      return read;
    }
  }
}
